//! Settings as code over any [`Transport`]: [`Client::plan`] checks a document, reads what it
//! manages and says what would change; [`Client::apply`] sends it section by section; the list
//! edits add or remove entries and keep the others. The rules are the model's
//! (`model/settings.rs`), shared with the npm module; this is the I/O around them.

use alloc::string::String;
use alloc::vec::Vec;

use super::{redact_entries, Client, Transport};
use crate::model::{check_settings, Entry, Field, ListEdit, Patch, Problem, Section, Settings, Spelling, Value, LIST_EDITS};
use crate::wire::{Error, HttpRequest};

/// How [`Client::apply`] and the list edits confirm a write: reads right after a write can show
/// the value from before it, so a section is read again, up to `reads` times, `wait_ms` apart,
/// until it shows what was written. [`Verify::OFF`] does not read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verify {
    /// Reads of each section, at most; capped at [`Verify::MAX_READS`]. The first is made right
    /// after the writes.
    pub reads: u32,
    /// The wait before each further read; capped at [`Verify::MAX_WAIT_MS`].
    pub wait_ms: u32,
}

impl Verify {
    /// No reads after writing.
    pub const OFF: Verify = Verify { reads: 0, wait_ms: 0 };
    /// The most reads of one section.
    pub const MAX_READS: u32 = 20;
    /// The longest wait between reads.
    pub const MAX_WAIT_MS: u32 = 60_000;
}

impl Default for Verify {
    /// Six reads, 500 ms apart (about 2.5 s at most), as a Terraform provider for Clerk does.
    fn default() -> Verify {
        Verify { reads: 6, wait_ms: 500 }
    }
}

/// What one section of a document would do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionPlan {
    /// The section.
    pub section: &'static Section,
    /// Readable fields whose current value differs: sent.
    pub changes: Vec<crate::model::Change>,
    /// Readable fields already at their desired value: left out of the request.
    pub unchanged: Vec<&'static Field>,
    /// Fields the API does not show (or that its read left out): always sent.
    pub write_only: Vec<crate::model::WriteOnly>,
    /// The entries sent: the changes and the write-only fields.
    pub send: Vec<Entry>,
    /// The exact request, or `None` when nothing changes. Its `Debug` (and, with `serde`, its
    /// JSON) hides the secret key.
    pub request: Option<HttpRequest>,
}

/// What a settings document would do, section by section in apply order: see [`Client::plan`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// The sections the document manages, in the order [`Client::apply`] sends them.
    pub sections: Vec<SectionPlan>,
}

impl Plan {
    /// How many requests applying it sends (the sections that change something).
    pub fn requests(&self) -> usize {
        self.sections.iter().filter(|s| s.request.is_some()).count()
    }
}

/// Whether reads after a write showed the written values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Confirmation {
    /// Not read: verification was off, or nothing written can be read back.
    NotChecked,
    /// A read showed every written value.
    Confirmed,
    /// These fields still showed another value after the last read the bound allows (or the
    /// reads failed).
    Stale(Vec<&'static Field>),
}

/// What happened to one section.
#[derive(Debug)]
pub enum Outcome {
    /// Sent and accepted.
    Applied(Confirmation),
    /// Refused, or no answer (a lost answer does not prove the change was lost too). The
    /// sections after it were not sent.
    Failed(Error),
    /// Not sent, because an earlier section failed (or a section of the plan was invalid).
    NotSent,
    /// Nothing to change.
    Unchanged,
}

/// One section's outcome.
#[derive(Debug)]
pub struct SectionOutcome {
    /// The section.
    pub section: &'static Section,
    /// What happened.
    pub outcome: Outcome,
}

/// What [`Client::apply`] did, section by section in apply order.
#[derive(Debug, Default)]
pub struct ApplyReport {
    /// Every section of the plan.
    pub sections: Vec<SectionOutcome>,
}

impl ApplyReport {
    /// True when no section failed.
    pub fn ok(&self) -> bool {
        self.error().is_none()
    }

    /// The section that failed, and why.
    pub fn error(&self) -> Option<(&'static Section, &Error)> {
        self.sections.iter().find_map(|s| match &s.outcome {
            Outcome::Failed(error) => Some((s.section, error)),
            _ => None,
        })
    }
}

/// What a list edit did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListEditReport {
    /// The list field.
    pub field: &'static Field,
    /// The list as read.
    pub before: Vec<String>,
    /// The list as written (the same as `before` when nothing changed).
    pub after: Vec<String>,
    /// The items added or removed.
    pub changed: Vec<String>,
    /// The items that needed no change (already in the list, or not in it for a removal).
    pub unchanged: Vec<String>,
    /// Whether the list was written: false when nothing changed.
    pub written: bool,
    /// Whether reads showed the new list.
    pub confirmation: Confirmation,
}

/// Params refused before anything was sent, the secret key taken out of every message.
fn invalid(operation: &str, problems: Vec<Problem>, secret: &str) -> Error {
    let mut error = Error::InvalidParams { operation: operation.into(), problems };
    error.redact(secret);
    error
}

impl<T: Transport> Client<T> {
    /// Checks every section of `settings` (all problems at once, named `section.param`; nothing is
    /// read when any is invalid), reads the sections whose managed fields the API can show, and
    /// says per section what would change, what is already so, and what is sent regardless
    /// because the API cannot show it: with the exact request, or none when nothing changes.
    pub async fn plan(&self, settings: &Settings) -> Result<Plan, Error> {
        let mut sections = settings.entries();
        let mut problems = check_settings(&sections, Spelling::Wire);
        if !problems.is_empty() {
            // Messages quote values cut short: quote them with the key already taken out.
            let secret = &self.options.secret_key;
            let mut found = false;
            for (_, entries) in &mut sections {
                found |= redact_entries(entries, secret);
            }
            if found {
                problems = check_settings(&sections, Spelling::Wire);
            }
            return Err(invalid("plan", problems, secret));
        }
        let mut plan = Plan::default();
        for (section, entries) in sections {
            let current = match section.read.filter(|_| section.needs_read(&entries)) {
                Some(read) => Some(self.read(read).await?),
                None => None,
            };
            let diff = section.diff(&entries, current.as_deref());
            let request = (!diff.send.is_empty()).then(|| self.request(section.update, &diff.send));
            plan.sections.push(SectionPlan {
                section,
                changes: diff.changes,
                unchanged: diff.unchanged,
                write_only: diff.write_only,
                send: diff.send,
                request,
            });
        }
        Ok(plan)
    }

    /// Sends the sections of `plan` that change something, in order, and stops at the first
    /// failure: the sections after it are [`Outcome::NotSent`]. Never retries more than each
    /// update's own retry policy, and never sends a domain change (no section is one). Every
    /// section is checked first: an invalid one (a plan edited by hand) fails and nothing is
    /// sent. With `verify`, then reads the applied sections until they show what was written.
    pub async fn apply(&self, plan: &Plan, verify: Verify) -> ApplyReport {
        let mut report = ApplyReport::default();
        let problems: Vec<Vec<Problem>> = plan
            .sections
            .iter()
            .map(|section| {
                let mut problems = Vec::new();
                section.section.check(&section.send, Spelling::Wire, &mut problems);
                problems
            })
            .collect();
        if problems.iter().any(|p| !p.is_empty()) {
            for (section, problems) in plan.sections.iter().zip(problems) {
                let outcome = if problems.is_empty() { Outcome::NotSent } else { Outcome::Failed(invalid("apply", problems, &self.options.secret_key)) };
                report.sections.push(SectionOutcome { section: section.section, outcome });
            }
            return report;
        }
        let mut stop = false;
        for section in &plan.sections {
            let outcome = if stop {
                Outcome::NotSent
            } else if section.send.is_empty() {
                Outcome::Unchanged
            } else {
                let request = self.request(section.section.update, &section.send);
                match self.execute(section.section.update, request, &T::Signal::default()).await {
                    Ok(_) => Outcome::Applied(Confirmation::NotChecked),
                    Err(error) => {
                        stop = true;
                        Outcome::Failed(error)
                    }
                }
            };
            report.sections.push(SectionOutcome { section: section.section, outcome });
        }
        let written: Vec<(usize, &'static Section, &[Entry])> = plan
            .sections
            .iter()
            .enumerate()
            .filter(|(i, _)| matches!(report.sections.get(*i).map(|s| &s.outcome), Some(Outcome::Applied(_))))
            .map(|(i, s)| (i, s.section, s.send.as_slice()))
            .collect();
        let checks: Vec<(&'static Section, &[Entry])> = written.iter().map(|(_, s, e)| (*s, *e)).collect();
        for ((i, _, _), confirmation) in written.iter().zip(self.confirm(&checks, verify).await) {
            if let Some(section) = report.sections.get_mut(*i) {
                section.outcome = Outcome::Applied(confirmation);
            }
        }
        report
    }

    /// Adds origins to `allowed_origins`, keeping every other one: reads the list, checks the new
    /// origins, writes the merged list only when something is new, and confirms it by reading
    /// again (bounded by `verify`). Another writer between the read and the write loses its
    /// change: the API has no conditional writes.
    pub async fn add_allowed_origins(&self, origins: &[impl AsRef<str>], verify: Verify) -> Result<ListEditReport, Error> {
        self.edit_list(&LIST_EDITS[0], origins, verify).await
    }

    /// Removes origins from `allowed_origins`, keeping every other one. Removing the last one is
    /// refused: the API ignores an empty list.
    pub async fn remove_allowed_origins(&self, origins: &[impl AsRef<str>], verify: Verify) -> Result<ListEditReport, Error> {
        self.edit_list(&LIST_EDITS[1], origins, verify).await
    }

    /// Adds country codes (`"KP"`) to the SMS blocklist, keeping every other one.
    pub async fn block_countries(&self, countries: &[impl AsRef<str>], verify: Verify) -> Result<ListEditReport, Error> {
        self.edit_list(&LIST_EDITS[2], countries, verify).await
    }

    /// Removes country codes from the SMS blocklist, keeping every other one.
    pub async fn unblock_countries(&self, countries: &[impl AsRef<str>], verify: Verify) -> Result<ListEditReport, Error> {
        self.edit_list(&LIST_EDITS[3], countries, verify).await
    }

    async fn edit_list(&self, edit: &'static ListEdit, items: &[impl AsRef<str>], verify: Verify) -> Result<ListEditReport, Error> {
        let secret = &self.options.secret_key;
        let items: Vec<String> = items.iter().map(|item| String::from(item.as_ref())).collect();
        let problems = edit.check(&items);
        if !problems.is_empty() {
            return Err(invalid(edit.rust, problems, secret));
        }
        let Some(read) = edit.section.read else {
            let problem = Problem::new(edit.argument.into(), "belongs to a list the API cannot read, so it cannot be merged");
            return Err(invalid(edit.rust, alloc::vec![problem], secret));
        };
        let before = edit.current(&self.read(read).await?);
        let merged = edit.merge(&before, &items, Spelling::Wire).map_err(|problems| invalid(edit.rust, problems, secret))?;
        let mut report = ListEditReport {
            field: edit.field,
            before,
            after: merged.after,
            changed: merged.changed,
            unchanged: merged.unchanged,
            written: false,
            confirmation: Confirmation::NotChecked,
        };
        if report.changed.is_empty() {
            report.after.clone_from(&report.before);
            return Ok(report);
        }
        let entries = alloc::vec![(edit.index, Patch::Value(Value::StringList(report.after.clone())))];
        self.execute(edit.section.update, self.request(edit.section.update, &entries), &T::Signal::default()).await?;
        report.written = true;
        let confirmed = self.confirm(&[(edit.section, entries.as_slice())], verify).await;
        report.confirmation = confirmed.into_iter().next().unwrap_or(Confirmation::NotChecked);
        Ok(report)
    }

    /// The fields of a read's resource.
    async fn read(&self, read: &'static crate::model::Operation) -> Result<Vec<Patch<Value>>, Error> {
        let request = self.request(read, &[]);
        Ok(self.execute(read, request, &T::Signal::default()).await?.unwrap_or_default())
    }

    /// Reads each written section until it shows the written values, `verify.reads` times at
    /// most, `verify.wait_ms` apart; one confirmation per section. A failed read counts as a
    /// read that did not confirm.
    async fn confirm(&self, written: &[(&'static Section, &[Entry])], verify: Verify) -> Vec<Confirmation> {
        // What each section must still show (`None`: nothing a read can confirm).
        let mut pending: Vec<Option<Vec<&'static Field>>> = written
            .iter()
            .map(|(section, entries)| Some(section.unconfirmed(entries, None)).filter(|fields| verify.reads > 0 && !fields.is_empty()))
            .collect();
        for round in 0..verify.reads.min(Verify::MAX_READS) {
            if pending.iter().flatten().all(Vec::is_empty) {
                break;
            }
            if round > 0 {
                // No signal: the default one never fires, so the wait cannot fail.
                let _ = self.transport.sleep(verify.wait_ms.min(Verify::MAX_WAIT_MS), &T::Signal::default()).await;
            }
            for ((section, entries), stale) in written.iter().zip(pending.iter_mut()) {
                let (Some(stale), Some(read)) = (stale.as_mut(), section.read) else { continue };
                if stale.is_empty() {
                    continue;
                }
                if let Ok(current) = self.read(read).await {
                    *stale = section.unconfirmed(entries, Some(&current));
                }
            }
        }
        pending
            .into_iter()
            .map(|stale| match stale {
                None => Confirmation::NotChecked,
                Some(fields) if fields.is_empty() => Confirmation::Confirmed,
                Some(fields) => Confirmation::Stale(fields),
            })
            .collect()
    }
}

#[cfg(feature = "serde")]
mod serialize {
    //! The JSON of plans and reports (feature `serde`), for a Worker to answer with: keys in
    //! camelCase as in the JS API, fields and sections by the names the document uses, requests
    //! as dry runs (the secret key redacted).

    use super::*;
    use serde::ser::{SerializeMap, SerializeSeq, Serializer};
    use serde::Serialize;

    struct Names<'a>(&'a [&'static Field]);

    impl Serialize for Names<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
            for field in self.0 {
                seq.serialize_element(field.name)?;
            }
            seq.end()
        }
    }

    struct FieldValue<'a>(&'static Field, Option<&'a Patch<Value>>, &'a Patch<Value>);

    impl Serialize for FieldValue<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(None)?;
            map.serialize_entry("field", self.0.name)?;
            if let Some(from) = self.1 {
                map.serialize_entry("from", from)?;
            }
            map.serialize_entry("to", self.2)?;
            map.end()
        }
    }

    impl Serialize for SectionPlan {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let changes: Vec<FieldValue> = self.changes.iter().map(|c| FieldValue(c.field, Some(&c.from), &c.to)).collect();
            let write_only: Vec<FieldValue> = self.write_only.iter().map(|w| FieldValue(w.field, None, &w.to)).collect();
            let mut map = serializer.serialize_map(None)?;
            map.serialize_entry("section", self.section.name)?;
            map.serialize_entry("changes", &changes)?;
            map.serialize_entry("unchanged", &Names(&self.unchanged))?;
            map.serialize_entry("writeOnly", &write_only)?;
            map.serialize_entry("request", &self.request)?;
            map.end()
        }
    }

    impl Serialize for Plan {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(None)?;
            map.serialize_entry("sections", &self.sections)?;
            map.end()
        }
    }

    fn confirmation<M: SerializeMap>(map: &mut M, confirmation: &Confirmation) -> Result<(), M::Error> {
        match confirmation {
            Confirmation::NotChecked => Ok(()),
            Confirmation::Confirmed => map.serialize_entry("confirmed", &true),
            Confirmation::Stale(fields) => {
                map.serialize_entry("confirmed", &false)?;
                map.serialize_entry("stale", &Names(fields))
            }
        }
    }

    impl Serialize for SectionOutcome {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(None)?;
            map.serialize_entry("section", self.section.name)?;
            match &self.outcome {
                Outcome::Applied(confirmed) => {
                    map.serialize_entry("outcome", "applied")?;
                    confirmation(&mut map, confirmed)?;
                }
                Outcome::Failed(error) => {
                    map.serialize_entry("outcome", "failed")?;
                    map.serialize_entry("error", error)?;
                }
                Outcome::NotSent => map.serialize_entry("outcome", "not sent")?,
                Outcome::Unchanged => map.serialize_entry("outcome", "unchanged")?,
            }
            map.end()
        }
    }

    impl Serialize for ApplyReport {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(None)?;
            map.serialize_entry("ok", &self.ok())?;
            map.serialize_entry("sections", &self.sections)?;
            map.end()
        }
    }

    impl Serialize for ListEditReport {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(None)?;
            map.serialize_entry("field", self.field.name)?;
            map.serialize_entry("before", &self.before)?;
            map.serialize_entry("after", &self.after)?;
            map.serialize_entry("changed", &self.changed)?;
            map.serialize_entry("unchanged", &self.unchanged)?;
            map.serialize_entry("written", &self.written)?;
            confirmation(&mut map, &self.confirmation)?;
            map.end()
        }
    }
}
