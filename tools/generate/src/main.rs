//! `generate <pkg dir>`: writes `index.d.ts`, `settings.d.ts`, `settings.schema.json` and
//! `clerk-api.json` and `settings-tables.js` there,
//! and appends the generated classes and tables to the `errors.js` copied from `pkg-template/`
//! (`make pkg` runs it).

use std::io::Write;

fn main() {
    let Some(dir) = std::env::args_os().nth(1).map(std::path::PathBuf::from) else {
        eprintln!("usage: generate <pkg dir>");
        std::process::exit(2);
    };
    let fail = |what: &str, error: std::io::Error| -> ! {
        eprintln!("generate: {what}: {error}");
        std::process::exit(1);
    };
    std::fs::write(dir.join("index.d.ts"), generate::index_d_ts()).unwrap_or_else(|e| fail("index.d.ts", e));
    std::fs::write(dir.join("settings.d.ts"), generate::settings_d_ts()).unwrap_or_else(|e| fail("settings.d.ts", e));
    std::fs::write(dir.join("clerk-api.json"), generate::clerk_api_json()).unwrap_or_else(|e| fail("clerk-api.json", e));
    std::fs::write(dir.join("settings.schema.json"), generate::settings_schema()).unwrap_or_else(|e| fail("settings.schema.json", e));
    std::fs::write(dir.join("settings-tables.js"), generate::settings_tables_js()).unwrap_or_else(|e| fail("settings-tables.js", e));
    let mut errors = std::fs::OpenOptions::new().append(true).open(dir.join("errors.js")).unwrap_or_else(|e| fail("errors.js", e));
    errors.write_all(generate::errors_js().as_bytes()).unwrap_or_else(|e| fail("errors.js", e));
}
