//! `studyforge check FILE --cards`: the study items as a learner sees them.

use std::process::Command;

#[test]
fn check_cards_lists_each_item_with_its_answer_and_flags() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("rocas.md");
    std::fs::write(
        &file,
        "# Rocas\n\n## Tipos de roca\n\n- Ígnea: se forma al enfriarse el magma.\n- Sedimentaria: se forma por capas.\n",
    )
    .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_studyforge")).arg("check").arg(&file).arg("--cards").output().expect("studyforge runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8_lossy(&o.stdout);
    let cards = text.split_once("\ncards (").map(|(_, c)| c).expect("a cards section");
    assert!(cards.contains("¿Cuáles son los 2 tipos de roca?"), "{cards}");
    assert!(cards.contains("→ Ígnea; Sedimentaria"), "{cards}");
    assert!(cards.contains("→ se forma al enfriarse el magma."), "{cards}");
    assert!(!cards.lines().skip(1).any(|l| l.ends_with(']')), "no item of this note is flagged: {cards}");
}
