"use client";
import { useEffect } from "react";
import { FormProvider, useForm } from "react-hook-form";
import type { ConnectionDto } from "@/lib/connections/types";
import type { SipAccountUpdate } from "@/lib/validation/sip-account";
import { formValuesOf } from "./format";
import { lazySchemaResolver, preloadSchema } from "./lazy-resolver";
import type { SipFormValues } from "./sip-account-fields";
import { StepCredentials } from "./step-credentials";

/**
 * Step 2 with its react-hook-form, in a chunk of its own: the wizard loads it in the background
 * (components/connection/wizard.tsx), so the form library stays out of the first-load bundle.
 * What was typed survives leaving the step: on unmount the values go back to the wizard
 * (`keep`), which hands them in again as `values` next time.
 */
export default function CredentialsForm({
  connection,
  locale,
  values,
  keep,
  onSaved,
}: {
  connection: ConnectionDto | null;
  locale: string;
  values: SipFormValues;
  keep: (values: SipFormValues) => void;
  onSaved: (c: ConnectionDto, intent: "draft" | "test") => void;
}) {
  const form = useForm<SipFormValues, unknown, SipAccountUpdate>({
    resolver: lazySchemaResolver,
    defaultValues: values,
    mode: "onSubmit",
    // After a first submit, errors follow the typing: they never appear or vanish on blur, which
    // would move the buttons under a pointer that is about to click one.
    reValidateMode: "onChange",
  });

  useEffect(() => {
    void preloadSchema();
    return () => keep(form.getValues());
  }, [form, keep]);

  return (
    <FormProvider {...form}>
      <StepCredentials
        connection={connection}
        locale={locale}
        onSaved={(c, intent) => {
          // The saved state is the new baseline; the password field starts empty again.
          form.reset(formValuesOf(c));
          onSaved(c, intent);
        }}
      />
    </FormProvider>
  );
}
