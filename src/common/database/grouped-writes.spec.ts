import { GroupedWrites } from './grouped-writes';

/** A write whose statements the test finishes one at a time. */
function controlledWrite() {
  const statements: { rows: number[]; finish: (error?: Error) => void }[] = [];
  const write = (rows: number[]) =>
    new Promise<void>((resolve, reject) => {
      statements.push({ rows, finish: (error) => (error ? reject(error) : resolve()) });
    });
  return { statements, write };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupedWrites', () => {
  it('writes a lone row at once, in a statement of its own', async () => {
    const { statements, write } = controlledWrite();
    const grouped = new GroupedWrites(write);
    const done = grouped.add(1);
    expect(statements.map((s) => s.rows)).toEqual([[1]]);
    statements[0].finish();
    await expect(done).resolves.toBeUndefined();
  });

  it('groups the rows that arrive while a statement is under way into the next one, and settles each caller when its own statement has', async () => {
    const { statements, write } = controlledWrite();
    const grouped = new GroupedWrites(write);
    const settled: number[] = [];
    const adds = [1, 2, 3, 4].map((n) => grouped.add(n).then(() => settled.push(n)));
    expect(statements.map((s) => s.rows)).toEqual([[1]]);
    statements[0].finish();
    await tick();
    expect(settled).toEqual([1]);
    expect(statements.map((s) => s.rows)).toEqual([[1], [2, 3, 4]]);
    statements[1].finish();
    await Promise.all(adds);
    expect(settled).toEqual([1, 2, 3, 4]);
  });

  it('rejects exactly the callers whose statement failed, and goes on with the next rows', async () => {
    const { statements, write } = controlledWrite();
    const grouped = new GroupedWrites(write);
    const first = grouped.add(1);
    const second = grouped.add(2);
    const third = grouped.add(3);
    statements[0].finish();
    await tick();
    statements[1].finish(new Error('connection lost'));
    await expect(first).resolves.toBeUndefined();
    await expect(second).rejects.toThrow('connection lost');
    await expect(third).rejects.toThrow('connection lost');
    const fourth = grouped.add(4);
    expect(statements.at(-1)?.rows).toEqual([4]);
    statements.at(-1)?.finish();
    await expect(fourth).resolves.toBeUndefined();
  });

  it('never puts more than maxRows in one statement', async () => {
    const { statements, write } = controlledWrite();
    const grouped = new GroupedWrites(write, 2);
    const adds = [1, 2, 3, 4, 5].map((n) => grouped.add(n));
    for (let i = 0; i < 3; i++) {
      await tick();
      statements[i].finish();
    }
    await Promise.all(adds);
    expect(statements.map((s) => s.rows)).toEqual([[1], [2, 3], [4, 5]]);
  });
});
