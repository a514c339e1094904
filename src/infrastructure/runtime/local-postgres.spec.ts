import { socketDirectories } from './local-postgres';

describe('where embedded PostgreSQL keeps its Unix socket', () => {
  it('in its own data folder, never the OS temp folder', () => {
    expect(socketDirectories('/srv/accord/.data/postgres', 54329)).toBe('"/srv/accord/.data/postgres"');
    expect(socketDirectories('/home/me/my projects/accord,v2/.data/postgres', 54329)).toBe('"/home/me/my projects/accord,v2/.data/postgres"');
  });

  it('nowhere when the socket path would be too long for the system (108 bytes): clients use TCP', () => {
    const deep = `/srv/${'very-long-folder-name/'.repeat(5)}postgres`;
    expect(Buffer.byteLength(`${deep}/.s.PGSQL.54329`)).toBeGreaterThan(107);
    expect(socketDirectories(deep, 54329)).toBe('');
  });
});
