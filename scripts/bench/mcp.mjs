export async function benchMcp() {}
