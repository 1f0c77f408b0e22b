import "server-only";
import { inspect } from "node:util";

const REDACTED = "[redacted]";

/**
 * A decrypted secret that refuses to print itself: JSON.stringify, template strings,
 * console.log and util.inspect all show "[redacted]". Only `reveal()` gives the value,
 * which keeps every use greppable.
 */
export class SecretValue {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}
