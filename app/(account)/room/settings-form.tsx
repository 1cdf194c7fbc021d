"use client";
import { useDraft } from "@/app/_components/use-draft";
import { Field, FieldMessage, FormMessage } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { generatePasscode } from "@/lib/validation/generate";
import { PASSCODE_MAX, PASSCODE_MIN } from "@/lib/validation/limits";
import { passcodeProblems } from "@/lib/validation/passcode";
import { ruleError, type FieldError } from "@/lib/validation/errors";
import { settingsProblems } from "@/lib/validation/room";
import { useRoom } from "./room-state";

type CheckboxProps = {
  name: "joinBeforeHost" | "waitingRoom";
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: FieldError;
};

/** A labelled checkbox whose error, when it has one, sits below it and is linked by aria-describedby. */
function Checkbox({ name, label, checked, onChange, error }: CheckboxProps) {
  return (
    <>
      <div className="flex items-start gap-2">
        <input
          id={name}
          name={name}
          type="checkbox"
          className="mt-1 h-4 w-4"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${name}-error` : undefined}
        />
        <label htmlFor={name}>{label}</label>
      </div>
      <FieldMessage id={`${name}-error`} error={error} />
    </>
  );
}

const checked = (value: string | undefined, fallback: boolean) => (value === undefined ? fallback : value === "on");

/** Passcode, join before host and waiting room, checked together because they depend on each other. */
export function SettingsForm() {
  const { room: saved, forms } = useRoom();
  const { state, pending, formProps } = forms.settings;
  const refused = state.ok === false && state.values;
  const initial = {
    passcode: refused ? (state.values?.passcode ?? "") : (saved.passcode ?? ""),
    joinBeforeHost: refused ? checked(state.values?.joinBeforeHost, false) : saved.joinBeforeHost,
    waitingRoom: refused ? checked(state.values?.waitingRoom, false) : saved.waitingRoom,
  };
  // Edits since the last server answer or the last change to the saved room, whichever is newer.
  const version = `${state.at ?? 0}|${saved.passcode}|${saved.joinBeforeHost}|${saved.waitingRoom}`;
  const { current, edited: editedField, update } = useDraft(initial, version);
  const edited = editedField();

  const passcodeProblem = current.passcode.trim() ? passcodeProblems(current.passcode.trim())[0] : undefined;
  const dependent = settingsProblems({
    passcode: current.passcode.trim() || null,
    joinBeforeHost: current.joinBeforeHost,
    waitingRoom: current.waitingRoom,
  });
  const passcodeError = edited
    ? passcodeProblem
      ? ruleError(passcodeProblem)
      : dependent.find((p) => p.field === "passcode") && ruleError("passcode-or-waiting-room")
    : state.fieldErrors?.passcode;
  const jbhError = edited
    ? dependent.some((p) => p.field === "joinBeforeHost")
      ? ruleError("jbh-needs-passcode")
      : undefined
    : state.fieldErrors?.joinBeforeHost;

  return (
    <form {...formProps} className="space-y-4" key={version} noValidate>
      <FormMessage ok={state.ok} message={state.message} />
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1">
          <Field
            id="passcode"
            name="passcode"
            label="Passcode"
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={current.passcode}
            onChange={(e) => update({ passcode: e.target.value })}
            hint={
              `${PASSCODE_MIN} to ${PASSCODE_MAX} letters, digits or @ * _ -. Upper and lower case differ. ` +
              "Leave empty for no passcode (the waiting room must then be on)."
            }
            error={passcodeError}
          />
        </div>
        <button
          type="button"
          className="mb-1 rounded-md border border-slate-400 px-3 py-2 text-sm"
          onClick={() => update({ passcode: generatePasscode() })}
        >
          Generate a new passcode
        </button>
      </div>
      <fieldset className="space-y-2">
        <legend className="font-medium">Who gets in</legend>
        <Checkbox
          name="joinBeforeHost"
          label="Join before host"
          checked={current.joinBeforeHost}
          onChange={(v) => update({ joinBeforeHost: v })}
          error={jbhError}
        />
        <Checkbox
          name="waitingRoom"
          label="Waiting room"
          checked={current.waitingRoom}
          onChange={(v) => update({ waitingRoom: v })}
        />
        {current.joinBeforeHost && current.waitingRoom ? (
          <p className="rounded-md bg-brand-50 p-3 text-sm">
            With the waiting room on, guests always wait for you to admit them. Join before host only applies when the
            waiting room is off.
          </p>
        ) : null}
      </fieldset>
      <SubmitButton pending={pending}>Save settings</SubmitButton>
    </form>
  );
}
