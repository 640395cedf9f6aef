//! `cargo run -p ingest --example parse FILE…`: the outline model as JSON,
//! as `studyforge parse FILE --json` prints it, without building the
//! exporters. It keeps the loop of changing a structure rule and rescoring
//! the corpus to seconds.

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut status = ExitCode::SUCCESS;
    for file in std::env::args().skip(1) {
        match ingest::ingest_file(file.as_ref(), None) {
            Ok(doc) => println!("{}", serde_json::to_string_pretty(&doc).expect("the model serializes")),
            Err(err) => {
                eprintln!("error: {err}");
                status = ExitCode::FAILURE;
            }
        }
    }
    status
}
