import { ruleAnchor, rulesInGroup, type RuleGroup } from "@/lib/validation/rules";
import { CopyLink } from "./copy-link";

/**
 * The live rule table from lib/validation, rendered into the help article. Each rule carries the anchor
 * that the room form's error message links to, so the article and the form cannot drift apart.
 */
export function RuleList({ group }: { group: RuleGroup }) {
  return (
    <ul className="my-4 space-y-3">
      {rulesInGroup(group).map((rule) => (
        <li key={rule.id} id={ruleAnchor(rule.id)} className="rounded-md border border-slate-200 p-3">
          <p className="font-medium">{rule.rule}</p>
          {rule.example ? (
            <p className="text-sm text-slate-700">
              Refused, for example: <code className="rounded bg-slate-100 px-1">{rule.example}</code>
            </p>
          ) : null}
          <p className="mt-1 text-sm">
            <CopyLink href={`#${ruleAnchor(rule.id)}`} label={rule.rule} />
          </p>
        </li>
      ))}
    </ul>
  );
}
