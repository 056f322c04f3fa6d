export async function loadDemo(..._args: unknown[]) { throw new Error('demo not written yet'); }
