"use client";
import type { Resolver } from "react-hook-form";
import type { SipAccountUpdate } from "@/lib/validation/sip-account";
import type { SipFormValues } from "./sip-account-fields";

/**
 * zodResolver with the shared schema, loaded on demand: zod is ~48 kB gzipped, so it stays out
 * of the wizard's first-load JavaScript and arrives in the background (preloadSchema) before
 * anyone can submit. Validation itself is the same zodResolver(sipAccountUpdateSchema).
 */
type FormResolver = Resolver<SipFormValues, unknown, SipAccountUpdate>;

let loading: Promise<FormResolver> | null = null;

export function preloadSchema(): Promise<FormResolver> {
  if (!loading) {
    loading = Promise.all([import("@hookform/resolvers/zod"), import("@/lib/validation/sip-account")]).then(
      ([r, s]) => r.zodResolver(s.sipAccountUpdateSchema),
    );
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}

export const lazySchemaResolver: FormResolver = async (values, context, options) =>
  (await preloadSchema())(values, context, options);
