// keyv adapters for servers are optional packages: loaded only when ACTS_STORE_URL names their scheme.
import { StoreError } from './store.js';

export type AdapterModule = { default: new (...args: unknown[]) => unknown };

export async function loadAdapter(pkg: string, scheme: string): Promise<AdapterModule> {
  try {
    return (await import(pkg)) as AdapterModule;
  } catch (error) {
    throw new StoreError(
      'missing-adapter',
      `ACTS_STORE_URL uses ${scheme}, which needs the ${pkg} package; install it next to the bot with \`npm install ${pkg}\``,
      { cause: error },
    );
  }
}
