export async function benchLogin() {}
