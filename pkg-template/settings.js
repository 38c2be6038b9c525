// `clerk-instance-edge/settings`: the API of api.js, whose clients also have `settings`: plan and
// apply a settings document, and list edits that keep the other entries. It runs on the package's
// second module, which has the settings exchanges (src/host/npm.rs); the rules (which fields a
// read shows, the diff, the merge, the checks) are the module's, the JS only orchestrates the
// reads, writes and waits.
import { answered, encode, exchange, makeClient, resource, send, signalFact, sleep } from "./client.js";
import tables from "./settings-tables.js";

export * from "./api.js";

const SETTINGS = 3;
const PLAN = 4;
const EDIT = 5;

/** A client for one Clerk instance, with `settings` (types in settings.d.ts). Throws `ClerkInvalidOptionsError` for bad options. */
export function createInstanceClient(options) {
  const { clerk, client } = makeClient(options);
  clerk.settings = {
    plan: (desired, options) => plan(client, desired, options),
    apply: (planOrDesired, options) => apply(client, planOrDesired, options),
  };
  for (const [index, [name]] of tables.edits.entries()) clerk.settings[name] = (items, options) => editList(client, index, items, options);
  return clerk;
}

/** The name `@clerk/backend` uses, so that switching is a change of import. */
export const createClerkClient = createInstanceClient;

/** An answer `<letter>{json}`; anything else is an error the module answered. */
function expect(answer, letter) {
  if (answer[0] !== letter) throw answered(answer);
  return JSON.parse(answer.slice(1));
}

/**
 * Checks a settings document and the options in the module (every problem at once, before
 * anything is read): `{ verify: [reads, waitMs], sections: [[index, read, fields], ...] }`, the
 * sections in apply order (`read`: whether planning needs its read; `fields`: how many are set).
 */
function checkSettings(client, what, text, optionsText) {
  return expect(exchange(SETTINGS, `${client.line}\n${what}\n${optionsText}\n${text}`), "O");
}

/** The plan of section `index` of the document `text`, read first when `read`. */
async function planSection(client, index, read, text, signal) {
  const body = read ? await send(client, tables.sections[index][2], undefined, { signal }, true) : "";
  const answer = exchange(PLAN, `${client.line}\n${index}\nplan\n${text}\n${body}`);
  if (answer[0] !== "P") throw answered(answer);
  return resource(answer.slice(1));
}

/** Every section of a checked document, planned; the reads run side by side. */
async function planned(client, checked, text, signal) {
  const sections = await Promise.all(checked.sections.map(([index, read]) => planSection(client, index, read, text, signal)));
  return { sections };
}

async function plan(client, desired, options) {
  const kept = {};
  const text = encode(desired);
  const checked = checkSettings(client, "plan", text, encode(options, signalFact(kept)));
  return planned(client, checked, text, kept.signal);
}

/** The fields of section `index` that a read must still show after writing the document `text` (without `body`: all it can show). */
function staleFields(client, index, text, body) {
  return expect(exchange(PLAN, `${client.line}\n${index}\nverify\n${text}\n${body}`), "S");
}

/**
 * Reads each written section (`{ report, index, text }`) until it shows the written values, at
 * most `reads` times, `waitMs` apart; sets `confirmed` (and `stale`) on its report. A failed read
 * counts as one that did not confirm; the signal ends the reads.
 */
async function confirm(client, written, [reads, waitMs], signal) {
  const pending = [];
  for (const section of written) {
    const stale = reads > 0 ? staleFields(client, section.index, section.text, "") : [];
    if (stale.length) pending.push({ ...section, stale });
  }
  for (let read = 0; read < reads && pending.some(({ stale }) => stale.length); read++) {
    if (read > 0 && (await sleep(waitMs, signal))) break;
    for (const section of pending.filter(({ stale }) => stale.length)) {
      try {
        const body = await send(client, tables.sections[section.index][2], undefined, { signal }, true);
        section.stale = staleFields(client, section.index, section.text, body);
      } catch {
        if (signal?.aborted) break;
      }
    }
  }
  for (const { report, stale } of pending) {
    report.confirmed = stale.length === 0;
    if (stale.length) report.stale = stale;
  }
}

/** Whether a value is a plan (a document has no `sections` key: it would name no section). */
function isPlan(value) {
  try {
    return value !== null && typeof value === "object" && Array.isArray(value.sections);
  } catch {
    return false;
  }
}

async function apply(client, planOrDesired, options) {
  const kept = {};
  const optionsText = encode(options, signalFact(kept));
  const { signal } = kept;
  let sections;
  let checked;
  if (isPlan(planOrDesired)) {
    // The plan's params, checked as a document: a plan edited by hand (or sent over the wire and
    // back) is held to the same rules, and sent in the module's order.
    const parts = planOrDesired.sections.map((section) => [section?.section, section?.params ?? {}]);
    checked = checkSettings(client, "apply", encode(Object.fromEntries(parts)), optionsText);
    const byName = new Map(parts);
    sections = checked.sections.map(([index, , fields]) => ({ params: fields ? byName.get(tables.sections[index][0]) : null }));
  } else {
    const text = encode(planOrDesired);
    checked = checkSettings(client, "apply", text, optionsText);
    sections = (await planned(client, checked, text, signal)).sections;
  }
  // From here on the answer is a report: some sections may be in force.
  const reports = checked.sections.map(([index]) => ({ section: tables.sections[index][0], outcome: "not sent" }));
  const written = [];
  for (const [i, [index]] of checked.sections.entries()) {
    const { params } = sections[i];
    if (!params) {
      reports[i].outcome = "unchanged";
      continue;
    }
    try {
      await send(client, tables.sections[index][1], params, { signal });
    } catch (error) {
      Object.assign(reports[i], { outcome: "failed", error });
      break;
    }
    reports[i].outcome = "applied";
    written.push({ report: reports[i], index, text: encode({ [tables.sections[index][0]]: params }) });
  }
  await confirm(client, written, checked.verify, signal);
  return { ok: !reports.some(({ outcome }) => outcome === "failed"), sections: reports };
}

/** A list edit (`tables.edits[index]`): check the items, read, merge, write when something changes, confirm. */
async function editList(client, index, items, options) {
  const kept = {};
  const optionsText = encode(options, signalFact(kept));
  const itemsText = encode(items);
  const { signal } = kept;
  const sectionIndex = tables.edits[index][1];
  const [name, update, read] = tables.sections[sectionIndex];
  const exchangeOf = (stage, body) => exchange(EDIT, `${client.line}\n${index}\n${stage}\n${optionsText}\n${itemsText}\n${body}`);
  const { verify } = expect(exchangeOf("check", ""), "O");
  const merged = exchangeOf("merge", await send(client, read, undefined, { signal }, true));
  if (merged[0] !== "N" && merged[0] !== "W") throw answered(merged);
  const newline = merged.indexOf("\n");
  const report = { ...JSON.parse(newline < 0 ? merged.slice(1) : merged.slice(1, newline)), written: false };
  if (merged[0] === "N") return report;
  const params = JSON.parse(merged.slice(newline + 1));
  await send(client, update, params, { signal });
  report.written = true;
  await confirm(client, [{ report, index: sectionIndex, text: encode({ [name]: params }) }], verify, signal);
  return report;
}
