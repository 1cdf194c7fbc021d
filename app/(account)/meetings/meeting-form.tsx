"use client";
import Link from "next/link";
import { useState, useSyncExternalStore } from "react";
import { Field, FieldMessage, FormMessage } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { useFormAction } from "@/app/_components/use-form-action";
import type { ActionState } from "@/lib/server/action";
import { MAX_OCCURRENCES, TITLE_MAX, WEEKDAYS, WEEKDAY_NAMES, YEAR_MAX, YEAR_MIN } from "@/lib/validation/meeting";
import { PASSCODE_MAX, PASSCODE_MIN } from "@/lib/validation/limits";
import { listedTimeZone } from "@/lib/validation/time-zones";

export type MeetingDefaults = {
  meeting?: number;
  title: string;
  start: string;
  duration: string;
  timeZone: string;
  /** False when the zone is only a fallback: the browser's own zone is then a better guess. */
  timeZoneKnown: boolean;
  meetingIdType: "generate" | "pmi";
  recurrence: "none" | "daily" | "weekly" | "monthly";
  weekdays: string[];
  ends: "count" | "date";
  count: string;
  endDate: string;
  passcode: string;
  waitingRoom: boolean;
};

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  defaults: MeetingDefaults;
  zones: string[];
  pmiFormatted: string;
  submitLabel: string;
};

const subscribe = () => () => {};
// Browsers may name the zone the old way (Chromium says Asia/Calcutta): the list's spelling, or none.
const browserZone = () => listedTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone) ?? "";

/** The scheduling form. Without JavaScript every part is shown; with it, only the parts that apply. */
export function MeetingForm({ action, defaults, zones, pmiFormatted, submitLabel }: Props) {
  const { state, pending, formProps } = useFormAction(action);
  const hydrated = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const zoneGuess = useSyncExternalStore(subscribe, browserZone, () => defaults.timeZone);
  const v = state.values;
  const e = state.fieldErrors ?? {};
  const [idType, setIdType] = useState(v?.meetingIdType ?? defaults.meetingIdType);
  const [recurrence, setRecurrence] = useState(v?.recurrence ?? defaults.recurrence);
  const [ends, setEnds] = useState(v?.ends ?? defaults.ends);
  const show = (relevant: boolean) => !hydrated || relevant;
  const zone =
    (v && listedTimeZone(v.timeZone ?? "")) ||
    (defaults.timeZoneKnown || !zones.includes(zoneGuess) ? defaults.timeZone : zoneGuess);
  const day = (d: string) => (v ? v[`day${d}`] === "on" : defaults.weekdays.includes(d));

  return (
    <form {...formProps} className="max-w-2xl space-y-5" noValidate key={state.at ?? "initial"}>
      <FormMessage ok={state.ok} message={state.message} />
      {defaults.meeting ? <input type="hidden" name="meeting" value={defaults.meeting} /> : null}
      <Field
        id="title"
        name="title"
        label="Title"
        defaultValue={v?.title ?? defaults.title}
        error={e.title}
        maxLength={TITLE_MAX}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          id="start"
          name="start"
          label="Start"
          type="datetime-local"
          min={`${YEAR_MIN}-01-01T00:00`}
          max={`${YEAR_MAX}-12-31T23:59`}
          defaultValue={v?.start ?? defaults.start}
          error={e.start}
        />
        <Field
          id="duration"
          name="duration"
          label="Duration"
          type="number"
          inputMode="numeric"
          min={15}
          max={1440}
          defaultValue={v?.duration ?? defaults.duration}
          hint="In minutes, 15 to 1440."
          error={e.duration}
        />
      </div>
      <div className="space-y-1">
        <label htmlFor="timeZone" className="block font-medium">
          Time zone
        </label>
        <select
          id="timeZone"
          name="timeZone"
          defaultValue={zone}
          key={zone}
          className="block w-full max-w-md rounded-md border border-slate-400 px-3 py-2"
          aria-invalid={e.timeZone ? true : undefined}
          aria-describedby={e.timeZone ? "timeZone-error" : undefined}
        >
          {zones.map((z) => (
            <option key={z} value={z}>
              {z.replace(/_/g, " ")}
            </option>
          ))}
        </select>
        <FieldMessage id="timeZone-error" error={e.timeZone} />
      </div>

      <fieldset className="space-y-2">
        <legend className="font-medium">Meeting ID</legend>
        <div className="flex items-center gap-2">
          <input
            type="radio"
            id="id-generate"
            name="meetingIdType"
            value="generate"
            checked={idType === "generate"}
            onChange={() => setIdType("generate")}
            className="h-4 w-4"
          />
          <label htmlFor="id-generate">Generate automatically</label>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <input
            type="radio"
            id="id-pmi"
            name="meetingIdType"
            value="pmi"
            checked={idType === "pmi"}
            onChange={() => setIdType("pmi")}
            className="h-4 w-4"
          />
          <label htmlFor="id-pmi">Personal Meeting ID</label>
          <span className="text-sm text-slate-600">
            ({pmiFormatted}, with your room&apos;s passcode and waiting room)
          </span>
        </div>
      </fieldset>

      <div className="space-y-1">
        <label htmlFor="recurrence" className="block font-medium">
          Recurrence
        </label>
        <select
          id="recurrence"
          name="recurrence"
          value={recurrence}
          onChange={(ev) => setRecurrence(ev.target.value)}
          className="block w-full max-w-xs rounded-md border border-slate-400 px-3 py-2"
        >
          <option value="none">None</option>
          <option value="daily">Daily</option>
          <option value="weekly">Weekly</option>
          <option value="monthly">Monthly</option>
        </select>
      </div>
      {show(idType === "pmi" && recurrence !== "none") ? (
        <p className="rounded-md border border-amber-500 bg-amber-50 p-3 text-sm">
          {hydrated ? "" : "If you choose your Personal Meeting ID for a recurring meeting: "}A recurring meeting on
          your Personal Meeting ID shares it with every other meeting in your room, which makes uninvited guests more
          likely.{" "}
          <Link href="/help/faq/should-i-use-my-pmi-for-class-sessions">
            Should I use my Personal Meeting ID for class sessions?
          </Link>
        </p>
      ) : null}
      {show(recurrence !== "none") ? (
        <div className="space-y-4 rounded-md border border-slate-200 p-4">
          {show(recurrence === "weekly") ? (
            <fieldset aria-describedby={e.weekdays ? "weekdays-error" : undefined}>
              <legend className="font-medium">Repeat on{hydrated ? "" : " (weekly meetings)"}</legend>
              <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                {WEEKDAYS.map((d) => (
                  <div key={d} className="flex items-center gap-1">
                    <input
                      type="checkbox"
                      id={`day${d}`}
                      name={`day${d}`}
                      defaultChecked={day(d)}
                      className="h-4 w-4"
                    />
                    <label htmlFor={`day${d}`}>{WEEKDAY_NAMES[d]}</label>
                  </div>
                ))}
              </div>
              <FieldMessage id="weekdays-error" error={e.weekdays} />
            </fieldset>
          ) : null}
          <fieldset className="space-y-2">
            <legend className="font-medium">Ends{hydrated ? "" : " (repeating meetings)"}</legend>
            <div className="flex flex-wrap items-center gap-2">
              <input
                type="radio"
                id="ends-count"
                name="ends"
                value="count"
                checked={ends === "count"}
                onChange={() => setEnds("count")}
                className="h-4 w-4"
              />
              <label htmlFor="ends-count">After a number of occurrences</label>
            </div>
            {show(ends === "count") ? (
              <Field
                id="count"
                name="count"
                label="Number of occurrences"
                type="number"
                min={1}
                max={MAX_OCCURRENCES}
                defaultValue={v?.count ?? defaults.count}
                hint={`At most ${MAX_OCCURRENCES}.`}
                error={e.count}
              />
            ) : null}
            <div className="flex flex-wrap items-center gap-2">
              <input
                type="radio"
                id="ends-date"
                name="ends"
                value="date"
                checked={ends === "date"}
                onChange={() => setEnds("date")}
                className="h-4 w-4"
              />
              <label htmlFor="ends-date">On a date</label>
            </div>
            {show(ends === "date") ? (
              <Field
                id="endDate"
                name="endDate"
                label="End date"
                type="date"
                defaultValue={v?.endDate ?? defaults.endDate}
                hint={`A series has at most ${MAX_OCCURRENCES} meetings.`}
                error={e.endDate}
              />
            ) : null}
          </fieldset>
        </div>
      ) : null}

      {show(idType === "generate") ? (
        <div className="space-y-3">
          <Field
            id="passcode"
            name="passcode"
            label="Passcode"
            autoComplete="off"
            spellCheck={false}
            defaultValue={v?.passcode ?? defaults.passcode}
            hint={
              (hydrated ? "" : "For a generated meeting ID. ") +
              `${PASSCODE_MIN} to ${PASSCODE_MAX} letters, digits or ` +
              "@ * _ -. Regular meetings always have one."
            }
            error={e.passcode}
          />
          <div className="flex items-center gap-2">
            <input
              type="checkbox"
              id="waitingRoom"
              name="waitingRoom"
              defaultChecked={v ? v.waitingRoom === "on" : defaults.waitingRoom}
              className="h-4 w-4"
            />
            <label htmlFor="waitingRoom">Waiting room</label>
          </div>
        </div>
      ) : (
        <p className="text-sm text-slate-700">
          This meeting uses your room&apos;s passcode and waiting room, set on <Link href="/room">My room</Link>.
        </p>
      )}
      <SubmitButton pending={pending}>{submitLabel}</SubmitButton>
    </form>
  );
}
