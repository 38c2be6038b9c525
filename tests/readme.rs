//! The README's table of operations lists every operation with its HTTP method and path, its JS
//! names, its Rust method and what it returns, as the declarations say.

use clerk_instance_edge::*;

#[test]
fn the_readme_lists_every_operation_as_declared() {
    let readme = include_str!("../README.md");
    let rows: Vec<Vec<String>> = readme
        .lines()
        .filter(|line| line.starts_with("| `") && line.contains("instance"))
        .filter(|line| line.matches('|').count() == 5)
        .map(|line| line.trim_matches('|').split('|').map(|cell| cell.trim().replace('`', "")).collect())
        .collect();
    assert_eq!(rows.len(), OPERATIONS.len(), "one row per operation");
    for (row, op) in rows.iter().zip(OPERATIONS) {
        let http = format!("{} {}", op.method.as_str(), op.path);
        assert!(row[0].starts_with(&http), "row {row:?} should be {http}");
        let js: Vec<String> = op.js.iter().map(|(group, name)| format!("{}.{name}", group.js_name())).collect();
        assert_eq!(row[1], js.join(", "), "JS names of {}", op.id);
        assert_eq!(row[2], op.rust, "Rust method of {}", op.id);
        match op.resource {
            Some(resource) => assert_eq!(row[3], resource.name, "result of {}", op.id),
            None => assert!(row[3].starts_with("nothing"), "{} answers no body", op.id),
        }
        assert_eq!(row[0].contains("deprecated"), op.deprecated, "deprecation of {}", op.id);
    }
}
