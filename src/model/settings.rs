//! Settings as code: the sections of a settings document, declared once in the order they are
//! applied, and the pure rules on top of them. Which fields a read shows is derived, not
//! declared: a request field is readable when the section's read resource has a field with the
//! same wire name and kind (`domains_enrollment_modes` is; `creator_role_id`, shown as
//! `creator_role`, is not). [`Section::diff`] compares what a document asks for with what a read
//! showed, and [`ListEdit::merge`] adds or removes entries of a list keeping the others. No I/O:
//! `Client::plan` and the npm module share all of it.

use alloc::string::String;
use alloc::vec::Vec;

#[cfg(test)]
use super::descriptor::Method;
use super::descriptor::{Entry, Field, Operation, Value};
use super::operations::*;
use super::patch::Patch;
use super::validate::{check, validate, Problem, Spelling};
use crate::text::push_u64;

/// One section of a settings document: the update that applies it and the read that shows it.
pub struct Section {
    /// Its name in the document (`organizationSettings`).
    pub name: &'static str,
    /// The update that applies it.
    pub update: &'static Operation,
    /// The read that shows its current values, when the API has one.
    pub read: Option<&'static Operation>,
    /// A beta feature of the API.
    pub beta: bool,
    /// Its documentation (native builds only).
    #[cfg(not(target_arch = "wasm32"))]
    pub doc: &'static str,
}

/// `Section("protect")`: the operations are in `SECTIONS`.
impl core::fmt::Debug for Section {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_tuple("Section").field(&self.name).finish()
    }
}

/// Sections are one per name.
impl PartialEq for Section {
    fn eq(&self, other: &Section) -> bool {
        self.name == other.name
    }
}

impl Eq for Section {}

settings! {
    /// `PATCH /instance`. Only `allowed_origins` can be read back (`GET /instance`); every other
    /// field is write-only, so it is sent on every apply.
    instance = "instance": UpdateInstance, read GetInstance;
    /// `PATCH /instance/restrictions`. The API has no read for them: every field is write-only.
    restrictions = "restrictions": UpdateInstanceRestrictions;
    /// `PATCH /instance/organization_settings`, read with its `GET`. `creator_role_id` and
    /// `domains_default_role_id` are write-only: the read shows role keys, not IDs.
    organization_settings = "organizationSettings": UpdateInstanceOrganizationSettings,
        read GetInstanceOrganizationSettings;
    /// `PATCH /instance/communication`, read with its `GET`.
    communication = "communication": UpdateInstanceCommunication, read GetInstanceCommunication;
    /// `PATCH /instance/protect`, read with its `GET`.
    protect = "protect": UpdateInstanceProtect, read GetInstanceProtect;
    /// `PATCH /instance/oauth_application_settings`, read with its `GET`.
    oauth_application_settings = "oauthApplicationSettings": UpdateInstanceOAuthApplicationSettings,
        read GetInstanceOAuthApplicationSettings;
    /// Beta: `PATCH /beta_features/instance_settings`. No read: every field is write-only. Its
    /// `test_mode` and `restricted_to_allowlist` are the settings `instance.test_mode` and
    /// `restrictions.allowlist` under other names; it is applied last, so its values win.
    instance_settings = "instanceSettings": UpdateInstanceAuthConfig [beta];
}

/// A readable field whose current value is not the desired one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The field.
    pub field: &'static Field,
    /// What the read showed.
    pub from: Patch<Value>,
    /// What is sent: a value, or `Null` (which most fields take as "no change", and
    /// `default_scopes` as "reset to Clerk's defaults": sent again by every apply).
    pub to: Patch<Value>,
}

/// A field the read does not show, or of a section the API cannot read: sent on every apply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WriteOnly {
    /// The field.
    pub field: &'static Field,
    /// What is sent.
    pub to: Patch<Value>,
}

/// What one section of a document asks for against what its read showed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diff {
    /// Readable fields that differ, sent.
    pub changes: Vec<Change>,
    /// Readable fields already at their desired value, left out of the request.
    pub unchanged: Vec<&'static Field>,
    /// Fields that cannot be compared, always sent.
    pub write_only: Vec<WriteOnly>,
    /// What to send: the changes and the write-only fields, in declaration order. Empty when
    /// nothing changes, and then nothing is sent.
    pub send: Vec<Entry>,
}

/// Lists longer than this (items of one times items of the other) are compared in order only,
/// so that a huge list cannot make the comparison quadratic; a list in another order then
/// counts as a change, which sends the desired list.
const MAX_SET_COMPARISON: usize = 1 << 20;

/// Whether the desired value is what the read showed. Lists are compared as sets: the API keeps
/// them in an order of its own, and neither order nor repeats change a setting.
fn same(to: &Patch<Value>, from: &Patch<Value>) -> bool {
    match (to, from) {
        (Patch::Null, Patch::Null) => true,
        (Patch::Value(Value::StringList(a)), Patch::Value(Value::StringList(b))) => {
            a == b || (a.len().saturating_mul(b.len()) <= MAX_SET_COMPARISON && a.iter().all(|x| b.contains(x)) && b.iter().all(|x| a.contains(x)))
        }
        (Patch::Value(a), Patch::Value(b)) => a == b,
        _ => false,
    }
}

impl Section {
    /// The index in the read's resource of the field showing `field`: the same wire name and
    /// kind. `None` when the section has no read or the read does not show it.
    pub fn readable(&self, field: &Field) -> Option<usize> {
        let resource = self.read?.resource?;
        resource.fields.iter().position(|shown| shown.name == field.name && shown.kind == field.kind)
    }

    /// Whether planning these entries needs the read: some set field is readable.
    pub fn needs_read(&self, entries: &[Entry]) -> bool {
        entries.iter().any(|(index, _)| self.update.fields.get(*index).is_some_and(|field| self.readable(field).is_some()))
    }

    /// What the read showed for `field`, when it showed it (absent counts as not shown).
    fn shown<'a>(&self, field: &Field, current: Option<&'a [Patch<Value>]>) -> Option<&'a Patch<Value>> {
        current?.get(self.readable(field)?).filter(|shown| !shown.is_absent())
    }

    /// Every problem with the set fields of this section, each named `section.param`: the
    /// update's own checks, and an empty list that the API would ignore.
    pub fn check(&self, entries: &[Entry], spelling: Spelling, problems: &mut Vec<Problem>) {
        let mut found = validate(self.update, entries, spelling);
        for (index, patch) in entries {
            let Some(field) = self.update.fields.get(*index) else { continue };
            if field.empty_ignored && matches!(patch, Patch::Value(Value::StringList(items)) if items.is_empty()) {
                found.push(Problem::new(
                    spelling.name(field.name),
                    "is empty, and the API ignores an empty list, so it cannot be cleared; leave it out, or list the entries to keep",
                ));
            }
        }
        for problem in found {
            problems.push(problem.within(self.name));
        }
    }

    /// What the desired entries change against `current`, the fields of the read's resource
    /// (`None` when the section was not read). A readable `Null` is unchanged when the read
    /// shows null, and otherwise sent (so sent again by every apply).
    pub fn diff(&self, desired: &[Entry], current: Option<&[Patch<Value>]>) -> Diff {
        let mut diff = Diff::default();
        for (index, to) in desired {
            let Some(field) = self.update.fields.get(*index) else { continue };
            if to.is_absent() {
                continue;
            }
            match self.shown(field, current) {
                None => diff.write_only.push(WriteOnly { field, to: to.clone() }),
                Some(from) if same(to, from) => {
                    diff.unchanged.push(field);
                    continue;
                }
                Some(from) => diff.changes.push(Change { field, from: from.clone(), to: to.clone() }),
            }
            diff.send.push((*index, to.clone()));
        }
        diff
    }

    /// The fields written with a value that a read must still show: with `current` (the
    /// fields of a read's resource), those it shows with another value, and without one, every
    /// readable field written with a value. Empty once a read confirms the write. Fields a read
    /// leaves out and `null`s (whose effect the API decides) are not checked.
    pub fn unconfirmed(&self, written: &[Entry], current: Option<&[Patch<Value>]>) -> Vec<&'static Field> {
        let mut stale = Vec::new();
        for (index, to) in written {
            let Some(field) = self.update.fields.get(*index) else { continue };
            if !matches!(to, Patch::Value(_)) || self.readable(field).is_none() {
                continue;
            }
            if current.is_none() || self.shown(field, current).is_some_and(|shown| !same(to, shown)) {
                stale.push(field);
            }
        }
        stale
    }
}

/// Every problem with the sections of a document, each named `section.param`.
pub fn check_settings(sections: &[(&'static Section, Vec<Entry>)], spelling: Spelling) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (section, entries) in sections {
        section.check(entries, spelling, &mut problems);
    }
    problems
}

/// The problem with `null` for a whole section.
pub fn null_section(name: &str) -> Problem {
    Problem::at(name, "cannot be null; leave the section out to leave its settings as they are")
}

/// A section's own error, as its params' `Deserialize` wrote it, named `section.param`.
#[cfg(feature = "serde")]
pub(crate) fn within_section(name: &str, error: &dyn core::fmt::Display) -> String {
    use alloc::string::ToString;
    let text = error.to_string();
    // serde-wasm-bindgen's errors print as JS errors do: `Error: ` first.
    let message = text.strip_prefix("Error: ").unwrap_or(&text);
    let mut out = String::from("`");
    out.push_str(name);
    match message.strip_prefix('`') {
        Some(rest) => {
            out.push('.');
            out.push_str(rest);
        }
        None => {
            out.push_str("`: ");
            out.push_str(message);
        }
    }
    out
}

/// An edit of one list field that keeps every other entry: read, merge, write, confirm. The
/// API replaces the whole list on a write, so "add this origin" sent as a plain update would
/// drop every other one.
#[derive(Debug)]
pub struct ListEdit {
    /// The JS method (`settings.addAllowedOrigins`).
    pub js: &'static str,
    /// The Rust method of `Client` (`add_allowed_origins`).
    pub rust: &'static str,
    /// The section whose read shows the list and whose update writes it.
    pub section: &'static Section,
    /// The list field.
    pub field: &'static Field,
    /// The index of the field in the section's update.
    pub index: usize,
    /// The argument's name in messages (`origins`).
    pub argument: &'static str,
    /// Adds the items; else removes them.
    pub add: bool,
    /// Its documentation (native builds only).
    #[cfg(not(target_arch = "wasm32"))]
    pub doc: &'static str,
}

/// The section named `name`, at compile time.
const fn section_named(name: &str) -> &'static Section {
    let mut i = 0;
    while i < SECTIONS.len() {
        if bytes_eq(SECTIONS[i].name.as_bytes(), name.as_bytes()) {
            return &SECTIONS[i];
        }
        i += 1;
    }
    panic!("a list edit names no section")
}

const fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

const fn list_edit(
    js: &'static str,
    rust: &'static str,
    section: &str,
    field: &str,
    argument: &'static str,
    add: bool,
    doc: &'static str,
) -> ListEdit {
    let _ = doc;
    let section = section_named(section);
    let fields = section.update.fields;
    let mut index = 0;
    while index < fields.len() && !bytes_eq(fields[index].name.as_bytes(), field.as_bytes()) {
        index += 1;
    }
    if index == fields.len() {
        panic!("a list edit names no field of its section");
    }
    ListEdit {
        js,
        rust,
        section,
        field: &fields[index],
        index,
        argument,
        add,
        #[cfg(not(target_arch = "wasm32"))]
        doc,
    }
}

/// The list edits, in the order the JS API and its exchanges number them.
pub const LIST_EDITS: &[ListEdit] = &[
    list_edit(
        "addAllowedOrigins",
        "add_allowed_origins",
        "instance",
        "allowed_origins",
        "origins",
        true,
        "Adds origins to `allowedOrigins` and keeps every other one: reads the list, checks the new origins, writes the merged list only when something is new, and reads it again until it shows the new list.",
    ),
    list_edit(
        "removeAllowedOrigins",
        "remove_allowed_origins",
        "instance",
        "allowed_origins",
        "origins",
        false,
        "Removes origins from `allowedOrigins` and keeps every other one. Removing the last one is refused: the API ignores an empty list.",
    ),
    list_edit(
        "blockCountries",
        "block_countries",
        "communication",
        "blocked_country_codes",
        "countries",
        true,
        "Adds country codes (`\"KP\"`) to the SMS blocklist (`blockedCountryCodes`) and keeps every other one.",
    ),
    list_edit(
        "unblockCountries",
        "unblock_countries",
        "communication",
        "blocked_country_codes",
        "countries",
        false,
        "Removes country codes from the SMS blocklist and keeps every other one; the list may end up empty.",
    ),
];

/// At most this many items in one edit.
pub const MAX_EDIT_ITEMS: usize = 1000;

/// A list after an edit, and which of the items asked for changed it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Merged {
    /// The list to write: every other entry kept, in its order; additions at the end.
    pub after: Vec<String>,
    /// The items added or removed.
    pub changed: Vec<String>,
    /// The items asked for that were already there (or, for a removal, not there).
    pub unchanged: Vec<String>,
}

impl ListEdit {
    /// The label of the method in messages (`settings.addAllowedOrigins`, `add_allowed_origins`).
    pub fn label(&self, spelling: Spelling) -> String {
        match spelling {
            Spelling::Js => {
                let mut label = String::from("settings.");
                label.push_str(self.js);
                label
            }
            Spelling::Wire => self.rust.into(),
        }
    }

    /// Every problem with the items, before anything is read: too many, and for an addition the
    /// field's rules (`origins[2]`). Removals take any string: an entry that breaks today's rules
    /// may still be in the list.
    pub fn check(&self, items: &[String]) -> Vec<Problem> {
        let mut problems = Vec::new();
        if items.len() > MAX_EDIT_ITEMS {
            let mut rest = String::from("has ");
            push_u64(&mut rest, items.len() as u64);
            rest.push_str(" items; edit at most 1000 at a time");
            problems.push(Problem::new(self.argument.into(), &rest));
        } else if self.add {
            check(self.field, self.argument, &Value::StringList(items.to_vec()), &mut problems);
        }
        problems
    }

    /// The list that a read showed, from the fields of the section's read resource (`null` or
    /// missing: empty).
    pub fn current(&self, fields: &[Patch<Value>]) -> Vec<String> {
        match self.section.readable(self.field).and_then(|at| fields.get(at)) {
            Some(Patch::Value(Value::StringList(items))) => items.clone(),
            _ => Vec::new(),
        }
    }

    /// `current` with the items added or removed, every other entry kept in its order. Refused
    /// when the list would end up too long, or empty where the API ignores an empty list.
    pub fn merge(&self, current: &[String], items: &[String], spelling: Spelling) -> Result<Merged, Vec<Problem>> {
        let mut merged = Merged::default();
        if self.add {
            merged.after = current.to_vec();
            for item in items {
                if !merged.after.contains(item) {
                    merged.after.push(item.clone());
                    merged.changed.push(item.clone());
                } else if !merged.changed.contains(item) && !merged.unchanged.contains(item) {
                    merged.unchanged.push(item.clone());
                }
            }
        } else {
            for entry in current {
                if !items.contains(entry) {
                    merged.after.push(entry.clone());
                } else if !merged.changed.contains(entry) {
                    merged.changed.push(entry.clone());
                }
            }
            for item in items {
                if !current.contains(item) && !merged.unchanged.contains(item) {
                    merged.unchanged.push(item.clone());
                }
            }
        }
        if self.field.empty_ignored && merged.after.is_empty() && !current.is_empty() {
            let mut rest = String::from("would remove every entry of ");
            rest.push_str(&spelling.name(self.field.name));
            rest.push_str(", which the API cannot do: it ignores an empty list; keep at least one");
            return Err(alloc::vec![Problem::new(self.argument.into(), &rest)]);
        }
        // The rules on the whole list (at most 250 country codes); items were checked one by one.
        let list = [(self.index, Patch::Value(Value::StringList(merged.after)))];
        let problems: Vec<Problem> = validate(self.section.update, &list, spelling).into_iter().filter(|p| !p.param.contains('[')).collect();
        let [(_, Patch::Value(Value::StringList(after)))] = list else { return Err(problems) };
        merged.after = after;
        if problems.is_empty() {
            Ok(merged)
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| String::from(*s)).collect()
    }

    fn list(items: &[&str]) -> Patch<Value> {
        Patch::Value(Value::StringList(strings(items)))
    }

    fn section(name: &str) -> &'static Section {
        SECTIONS.iter().find(|s| s.name == name).unwrap()
    }

    #[test]
    fn the_sections_are_in_apply_order_and_only_those_with_a_read_read() {
        let names: Vec<&str> = SECTIONS.iter().map(|s| s.name).collect();
        assert_eq!(names, ["instance", "restrictions", "organizationSettings", "communication", "protect", "oauthApplicationSettings", "instanceSettings"]);
        let reads: Vec<Option<&str>> = SECTIONS.iter().map(|s| s.read.map(|op| op.id)).collect();
        assert_eq!(reads[0], Some("GetInstance"));
        assert_eq!(reads[1], None);
        assert_eq!(reads[6], None);
        assert!(SECTIONS.iter().all(|s| s.update.method == Method::Patch), "no domain change is a section");
        assert_eq!(SECTIONS.iter().filter(|s| s.beta).count(), 1);
    }

    #[test]
    fn readable_fields_are_those_the_read_shows_with_the_same_name_and_kind() {
        let readable = |name: &str| -> Vec<&str> {
            let s = section(name);
            s.update.fields.iter().filter(|f| s.readable(f).is_some()).map(|f| f.name).collect()
        };
        assert_eq!(readable("instance"), ["allowed_origins"]);
        assert_eq!(readable("restrictions"), Vec::<&str>::new());
        assert_eq!(
            readable("organizationSettings"),
            ["enabled", "max_allowed_memberships", "admin_delete_enabled", "domains_enabled", "slug_disabled", "domains_enrollment_modes"]
        );
        assert_eq!(readable("communication"), ["blocked_country_codes"]);
        assert_eq!(readable("protect"), ["rules_enabled", "specter_enabled"]);
        assert_eq!(readable("oauthApplicationSettings").len(), 6);
        assert_eq!(readable("instanceSettings"), Vec::<&str>::new());
    }

    #[test]
    fn a_diff_sorts_fields_into_changed_unchanged_and_write_only() {
        let s = section("organizationSettings");
        let at = |name: &str| s.update.fields.iter().position(|f| f.name == name).unwrap();
        let resource = s.read.unwrap().resource.unwrap();
        let mut current = vec![Patch::Absent; resource.fields.len()];
        let shown = |current: &mut Vec<Patch<Value>>, name: &str, value: Patch<Value>| {
            current[resource.fields.iter().position(|f| f.name == name).unwrap()] = value;
        };
        shown(&mut current, "enabled", Patch::Value(Value::Boolean(true)));
        shown(&mut current, "max_allowed_memberships", Patch::Value(Value::Integer(5)));
        shown(&mut current, "domains_enrollment_modes", list(&["automatic_suggestion", "automatic_invitation"]));
        shown(&mut current, "admin_delete_enabled", Patch::Null);
        shown(&mut current, "slug_disabled", Patch::Value(Value::Boolean(false)));
        let desired = vec![
            (at("enabled"), Patch::Value(Value::Boolean(true))),
            (at("max_allowed_memberships"), Patch::Value(Value::Integer(10))),
            (at("admin_delete_enabled"), Patch::Null),
            (at("domains_enabled"), Patch::Value(Value::Boolean(true))),
            (at("slug_disabled"), Patch::Null),
            (at("domains_enrollment_modes"), list(&["automatic_invitation", "automatic_suggestion"])),
            (at("creator_role_id"), Patch::Value(Value::String("rol_1".into()))),
        ];
        let diff = s.diff(&desired, Some(&current));
        let names = |fields: Vec<&Field>| fields.into_iter().map(|f| f.name).collect::<Vec<_>>();
        assert_eq!(names(diff.unchanged.clone()), ["enabled", "admin_delete_enabled", "domains_enrollment_modes"], "null against null, a list in another order");
        assert_eq!(diff.changes.len(), 2);
        assert_eq!((diff.changes[0].field.name, &diff.changes[0].from), ("max_allowed_memberships", &Patch::Value(Value::Integer(5))));
        assert_eq!((diff.changes[1].field.name, &diff.changes[1].to), ("slug_disabled", &Patch::Null), "null against a value is sent");
        // Not in the read (absent), and not readable at all.
        assert_eq!(names(diff.write_only.iter().map(|w| w.field).collect()), ["domains_enabled", "creator_role_id"]);
        let sent: Vec<usize> = diff.send.iter().map(|(i, _)| *i).collect();
        assert_eq!(sent, [at("max_allowed_memberships"), at("domains_enabled"), at("slug_disabled"), at("creator_role_id")]);
        // Unread: everything is write-only.
        assert_eq!(s.diff(&desired, None).write_only.len(), desired.len());
        // What a later read must show: values only, readable only.
        assert_eq!(names(s.unconfirmed(&diff.send, Some(&current))), ["max_allowed_memberships"]);
        assert_eq!(names(s.unconfirmed(&diff.send, None)), ["max_allowed_memberships", "domains_enabled"], "before any read");
    }

    #[test]
    fn lists_are_sets_and_a_huge_list_in_another_order_is_a_change() {
        assert!(same(&list(&["a", "b", "a"]), &list(&["b", "a"])));
        assert!(!same(&list(&["a"]), &list(&["a", "b"])));
        assert!(!same(&list(&[]), &Patch::Null));
        let big: Vec<String> = (0..2000).map(|i| alloc::format!("{i}")).collect();
        let mut reversed = big.clone();
        reversed.reverse();
        let (a, b) = (Patch::Value(Value::StringList(big.clone())), Patch::Value(Value::StringList(reversed)));
        assert!(same(&a, &Patch::Value(Value::StringList(big))));
        assert!(!same(&a, &b));
    }

    #[test]
    fn an_empty_list_the_api_ignores_is_a_problem_in_a_document() {
        let s = section("instance");
        let at = s.update.fields.iter().position(|f| f.name == "allowed_origins").unwrap();
        let mut problems = Vec::new();
        s.check(&[(at, list(&[])), (0, Patch::Value(Value::Boolean(true)))], Spelling::Js, &mut problems);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].param, "instance.allowedOrigins");
        assert!(problems[0].message.starts_with("`instance.allowedOrigins` is empty, and the API ignores an empty list"));
        problems.clear();
        s.check(&[(at, list(&["https://example.com/app"]))], Spelling::Wire, &mut problems);
        assert_eq!(problems[0].param, "instance.allowed_origins[0]");
        assert!(problems[0].message.contains("(use \"https://example.com\")"), "{}", problems[0].message);
    }

    #[test]
    fn list_edits_keep_every_other_entry_in_order() {
        let [add, remove, block, unblock] = LIST_EDITS else { panic!() };
        assert_eq!((add.field.name, block.field.name), ("allowed_origins", "blocked_country_codes"));
        let current = strings(&["https://a.example", "https://b.example"]);
        let merged = add.merge(&current, &strings(&["https://c.example", "https://a.example", "https://c.example"]), Spelling::Js).unwrap();
        assert_eq!(merged.after, strings(&["https://a.example", "https://b.example", "https://c.example"]));
        assert_eq!((merged.changed, merged.unchanged), (strings(&["https://c.example"]), strings(&["https://a.example"])));
        let merged = remove.merge(&current, &strings(&["https://a.example", "https://z.example"]), Spelling::Js).unwrap();
        assert_eq!((merged.after, merged.changed, merged.unchanged), (strings(&["https://b.example"]), strings(&["https://a.example"]), strings(&["https://z.example"])));
        let last = remove.merge(&current, &current, Spelling::Js).unwrap_err();
        assert_eq!(last[0].param, "origins");
        assert!(last[0].message.contains("would remove every entry of allowedOrigins"), "{}", last[0].message);
        // A country list may be emptied: the API replaces it.
        assert_eq!(unblock.merge(&strings(&["KP"]), &strings(&["KP"]), Spelling::Js).unwrap().after, Vec::<String>::new());
        let many: Vec<String> = (0..250u8).map(|i| alloc::format!("{}{}", (b'A' + i / 26) as char, (b'A' + i % 26) as char)).collect();
        let too_many = block.merge(&many[..249], &strings(&["ZY", "ZZ"]), Spelling::Js).unwrap_err();
        assert_eq!(too_many[0].param, "blockedCountryCodes");
        assert!(too_many[0].message.contains("251 codes; the API accepts at most 250"), "{}", too_many[0].message);
        let problems = block.check(&strings(&["US", "kp"]));
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].param, "countries[1]");
        assert!(problems[0].message.contains("(use \"KP\")"));
        assert!(unblock.check(&strings(&["kp"])).is_empty(), "any string may be removed");
        assert_eq!(add.check(&vec![String::from("https://a.example"); 1001])[0].param, "origins");
    }

    #[test]
    fn a_problem_moves_into_its_section() {
        let problem = Problem::at("testMode", "must be true or false").within("instance");
        assert_eq!((problem.param.as_str(), problem.message.as_str()), ("instance.testMode", "`instance.testMode` must be true or false"));
        let whole = Problem::at("params", "must be a plain object").within("protect");
        assert_eq!(whole.message, "`protect` must be a plain object");
    }
}
