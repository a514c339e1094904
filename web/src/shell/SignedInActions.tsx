import type { Me } from '../auth/auth-api';
import { NotificationBell } from './NotificationBell';
import { UserMenu } from './UserMenu';

/** The header's signed-in half: loaded once signed in, so the sign-in page does not carry it. */
export default function SignedInActions({ me }: { me: Me }) {
  return (
    <>
      <NotificationBell />
      <UserMenu me={me} />
    </>
  );
}
