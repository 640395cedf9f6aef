//! Study-item derivation, one kind at a time, on small hand-built outlines.

use model::{Document, Meta, Node, NodeKind, Role, Span};
use study::{Answer, ItemKind, Prompt, StudyItem, derive};

fn node(kind: NodeKind, text: &str, line: usize, children: Vec<Node>) -> Node {
    Node { id: model::stable_id("n", &[text]), rule: "test".into(), children, ..Node::new(kind, text, Span::line(line)) }
}

fn heading(text: &str, line: usize, children: Vec<Node>) -> Node {
    node(NodeKind::Heading, text, line, children)
}

fn para(text: &str, line: usize) -> Node {
    node(NodeKind::Paragraph, text, line, vec![])
}

fn item(text: &str, line: usize) -> Node {
    node(NodeKind::Item, text, line, vec![])
}

fn doc(language: &str, nodes: Vec<Node>) -> Document {
    Document {
        title: "Apuntes de prueba".into(),
        meta: Meta { source: "notes/prueba.txt".into(), language: language.into(), ..Meta::default() },
        nodes,
        dropped: vec![],
    }
}

fn question(item: &StudyItem) -> &str {
    match &item.prompt {
        Prompt::Question { text } => text,
        Prompt::Cloze { .. } => panic!("expected a question, got {:?}", item.prompt),
    }
}

fn of_kind(items: &[StudyItem], kind: ItemKind) -> Vec<&StudyItem> {
    items.iter().filter(|i| i.kind == kind).collect()
}

#[test]
fn basic_from_heading_and_its_explanation() {
    let d = doc("es", vec![heading(
        "Definición de ventaja competitiva",
        3,
        vec![para("Rasgo que hace que los clientes elijan una empresa y no otra.", 4)],
    )]);
    let items = derive(&d);
    assert_eq!(items.len(), 1);
    let basic = &items[0];
    assert_eq!(basic.kind, ItemKind::Basic);
    assert_eq!(question(basic), "¿Qué es la ventaja competitiva?");
    assert_eq!(basic.answer, Answer::Text { text: "Rasgo que hace que los clientes elijan una empresa y no otra.".into() });
    assert_eq!(basic.source.file, "notes/prueba.txt");
    assert_eq!(basic.source.span, Span { start: 3, end: 4 });
    assert_eq!(basic.path, vec!["Definición de ventaja competitiva".to_string()]);
}

#[test]
fn basic_in_english_and_from_term_definitions() {
    let mut def = item("Ledger: the book where a firm records its accounts", 5);
    def.role = Role::Definition;
    def.term = Some("Ledger".into());
    let d = doc("en", vec![heading("Accounting words", 4, vec![def, item("A sentence that is too long to be the name of anything in a set at all", 6)])]);
    let items = derive(&d);
    let basics = of_kind(&items, ItemKind::Basic);
    assert_eq!(basics.len(), 1, "{items:#?}");
    assert_eq!(question(basics[0]), "What is ledger?");
    assert_eq!(basics[0].answer, Answer::Text { text: "the book where a firm records its accounts".into() });
}

#[test]
fn long_explanations_are_cut_to_leading_sentences() {
    let long = format!("Primera idea breve. Luego {}.", "detalle ".repeat(45).trim());
    let d = doc("es", vec![heading("Concepto de calidad", 1, vec![para(&long, 2)])]);
    let items = derive(&d);
    assert_eq!(items[0].answer, Answer::Text { text: "Primera idea breve.".into() });
}

#[test]
fn enumeration_lists_members_and_asks_about_each_explained_one() {
    let mut demo = item("Demográfica", 3);
    demo.children = vec![para("Agrupa por edad, sexo y ocupación.", 4)];
    let mut geo = item("Geográfica", 5);
    geo.children = vec![para("Agrupa por países y regiones.", 6)];
    let d = doc("es", vec![heading("Tipos de segmentación", 2, vec![demo, geo, item("Mixta", 7)])]);
    let items = derive(&d);
    let enumeration = of_kind(&items, ItemKind::Enumeration);
    assert_eq!(enumeration.len(), 1);
    assert_eq!(question(enumeration[0]), "¿Cuáles son los 3 tipos de segmentación?");
    assert_eq!(
        enumeration[0].answer,
        Answer::List { ordered: false, items: vec!["Demográfica".into(), "Geográfica".into(), "Mixta".into()] }
    );
    let members: Vec<&str> = of_kind(&items, ItemKind::Basic).into_iter().map(question).collect();
    assert_eq!(
        members,
        vec![
            "¿Qué significa «Demográfica» en los tipos de segmentación?",
            "¿Qué significa «Geográfica» en los tipos de segmentación?",
        ]
    );
}

#[test]
fn enumeration_role_from_the_reader_is_trusted() {
    let mut h = heading("Derechos del cliente", 1, vec![
        item("Recibir un producto adecuado y conforme a lo que fue pactado con el vendedor", 2),
        item("Recibir información veraz, suficiente y oportuna antes de comprar cualquier cosa", 3),
    ]);
    h.role = Role::Enumeration;
    let items = derive(&doc("es", vec![h]));
    assert_eq!(question(of_kind(&items, ItemKind::Enumeration)[0]), "¿Cuáles son los 2 derechos del cliente?");
}

#[test]
fn sequence_gives_one_overlapping_cloze_per_step() {
    let steps = ["Posible", "Comprador", "Cliente", "Defensor"];
    let children = steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut n = item(s, 10 + i);
            n.ordered = true;
            n
        })
        .collect();
    let items = derive(&doc("es", vec![heading("Etapas", 9, children)]));
    let seq = of_kind(&items, ItemKind::Sequence);
    assert_eq!(seq.len(), 4);
    let fronts: Vec<String> = seq.iter().map(|i| i.prompt.front()).collect();
    assert_eq!(
        fronts,
        vec![
            "Etapas: [Posible] → Comprador → …",
            "Etapas: Posible → [Comprador] → Cliente → …",
            "Etapas: … → Comprador → [Cliente] → Defensor",
            "Etapas: … → Cliente → [Defensor]",
        ]
    );
    assert_eq!(seq[2].source.span, Span::line(12));
    assert_eq!(seq[2].answer, Answer::Text { text: "Cliente".into() }, "the answer is the hidden step only");
}

#[test]
fn cloze_hides_the_defined_term() {
    let d = doc("es", vec![heading("Cultura", 1, vec![para(
        "La cultura del trabajo se define como el conjunto de hábitos que comparte un equipo. Importa mucho.",
        2,
    )])]);
    let items = derive(&d);
    let cloze = of_kind(&items, ItemKind::Cloze);
    assert_eq!(cloze.len(), 1);
    assert_eq!(
        cloze[0].prompt,
        Prompt::Cloze {
            before: "La ".into(),
            hidden: "cultura del trabajo".into(),
            after: " se define como el conjunto de hábitos que comparte un equipo.".into(),
        }
    );
}

#[test]
fn ids_depend_on_prompt_not_position_or_answer() {
    let a = doc("es", vec![heading("Marca", 1, vec![para("Nombre que distingue un producto.", 2)])]);
    let b = doc("es", vec![
        heading("Otra cosa", 1, vec![para("Texto nuevo delante.", 2)]),
        heading("Marca", 3, vec![para("Nombre y signo que distinguen un producto.", 4)]),
    ]);
    let id_a = &derive(&a)[0].id;
    let items_b = derive(&b);
    let marca = items_b.iter().find(|i| question(i) == "¿Qué es la marca?").expect("item for Marca");
    assert_eq!(&marca.id, id_a);
}

#[test]
fn no_duplicate_fronts_and_no_empty_items() {
    let d = doc("es", vec![
        heading("Unidad uno", 1, vec![heading("Cliente", 2, vec![para("Quien compra.", 3)])]),
        heading("Unidad dos", 4, vec![heading("Cliente", 5, vec![para("Quien usa el servicio.", 6)])]),
        heading("Vacío", 7, vec![para("   ", 8)]),
    ]);
    let items = derive(&d);
    let fronts: Vec<String> = items.iter().map(|i| i.prompt.front()).collect();
    assert_eq!(fronts, vec!["¿Qué es el cliente?", "¿Qué es el cliente? (Unidad dos)"].into_iter().map(String::from).collect::<Vec<_>>());
    let unique: std::collections::HashSet<_> = items.iter().map(|i| &i.id).collect();
    assert_eq!(unique.len(), items.len());
}

#[test]
fn long_steps_are_labelled_short_and_links_are_not_answers() {
    let steps = [
        "Primer paso: una explicación larga que no cabe en la tarjeta",
        "Segundo paso del proceso con muchas palabras de más que sobran aquí",
        "Tercero",
    ];
    let children = steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut n = item(s, 2 + i);
            n.ordered = true;
            n
        })
        .collect();
    let link = heading("Vídeo", 6, vec![para("https://example.org/video", 7)]);
    let see_also = heading("Lectura", 8, vec![para("Ver también https://example.org/lectura", 9)]);
    let items = derive(&doc("es", vec![heading("Proceso", 1, children), link, see_also]));
    let hidden: Vec<String> = of_kind(&items, ItemKind::Sequence)
        .iter()
        .map(|i| match &i.prompt {
            Prompt::Cloze { hidden, .. } => hidden.clone(),
            Prompt::Question { .. } => String::new(),
        })
        .collect();
    assert_eq!(hidden, vec!["Primer paso", "Segundo paso del proceso con muchas palabras …", "Tercero"]);
    assert!(of_kind(&items, ItemKind::Basic).is_empty(), "a bare link is not an explanation: {items:#?}");
}

fn numbered(texts: &[&str], first_line: usize) -> Vec<Node> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut n = item(t, first_line + i);
            n.ordered = true;
            n
        })
        .collect()
}

fn defined(mut node: Node, term: &str) -> Node {
    node.role = Role::Definition;
    node.term = Some(term.into());
    node
}

#[test]
fn a_numbered_list_of_definitions_is_a_set_of_basic_cards() {
    let items = vec![
        defined(item("Liquidez: facilidad para convertir un bien en dinero", 2), "Liquidez"),
        defined(item("Solvencia: capacidad de pagar todas las deudas", 3), "Solvencia"),
        defined(item("Rentabilidad: ganancia obtenida sobre lo invertido", 4), "Rentabilidad"),
    ];
    let items: Vec<Node> = items.into_iter().map(|mut n| { n.ordered = true; n }).collect();
    let derived = derive(&doc("es", vec![heading("Indicadores financieros", 1, items)]));
    assert!(of_kind(&derived, ItemKind::Sequence).is_empty(), "{derived:#?}");
    let basics: Vec<(&str, &Answer)> = of_kind(&derived, ItemKind::Basic).into_iter().map(|i| (question(i), &i.answer)).collect();
    assert_eq!(basics.len(), 3);
    assert_eq!(basics[1].1, &Answer::Text { text: "capacidad de pagar todas las deudas".into() });
}

#[test]
fn a_list_announced_as_stages_is_a_sequence() {
    let steps = numbered(&["Recoger los datos", "Ordenarlos", "Sacar conclusiones"], 3);
    let announced = heading("Investigación", 1, [vec![para("El trabajo sigue tres etapas:", 2)], steps.clone()].concat());
    let plain = heading("Investigación", 1, steps);
    assert_eq!(of_kind(&derive(&doc("es", vec![announced])), ItemKind::Sequence).len(), 3);
    assert!(of_kind(&derive(&doc("es", vec![plain])), ItemKind::Sequence).is_empty());
}

#[test]
fn dated_items_are_a_sequence_without_an_announcement() {
    let years = numbered(&["1815: cae el imperio", "1830: nuevas revueltas", "1848: primavera de los pueblos"], 2);
    let items = derive(&doc("es", vec![heading("Europa en el siglo XIX", 1, years)]));
    assert_eq!(of_kind(&items, ItemKind::Sequence).len(), 3);
}

#[test]
fn repeated_items_are_never_a_sequence() {
    let mut h = heading("Layers", 1, numbered(&["Transport", "Transport", "Transport"], 2));
    h.role = Role::Sequence;
    let items = derive(&doc("en", vec![h]));
    assert!(of_kind(&items, ItemKind::Sequence).is_empty() && of_kind(&items, ItemKind::Enumeration).is_empty(), "{items:#?}");
}

#[test]
fn a_lead_in_is_not_an_answer_its_list_is() {
    let d = doc("es", vec![heading("Calidad del servicio", 1, vec![
        para("Se puede mejorar con los siguientes recursos:", 2),
        item("Formación", 3),
        item("Escucha", 4),
    ])]);
    let items = derive(&d);
    assert!(items.iter().all(|i| i.answer != Answer::Text { text: "Se puede mejorar con los siguientes recursos:".into() }), "{items:#?}");
    let list = of_kind(&items, ItemKind::Enumeration);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].answer, Answer::List { ordered: false, items: vec!["Formación".into(), "Escucha".into()] });
}

#[test]
fn clozes_hide_only_terms_the_document_is_about() {
    let d = doc("es", vec![heading("Inflación", 1, vec![
        para("La inflación es la subida general y sostenida de los precios.", 2),
        para("El motivo es una demanda que crece más deprisa que la oferta.", 3),
    ])]);
    let hidden: Vec<String> = of_kind(&derive(&d), ItemKind::Cloze)
        .iter()
        .filter_map(|i| match &i.prompt {
            Prompt::Cloze { hidden, .. } => Some(hidden.clone()),
            Prompt::Question { .. } => None,
        })
        .collect();
    assert_eq!(hidden, vec!["inflación"]);
}

#[test]
fn questions_are_asked_in_the_documents_language() {
    let d = doc("it", vec![heading("Il fiume", 1, vec![para(
        "Il fiume è un corso d'acqua che scorre verso il mare e che porta acqua per tutto l'anno anche nei periodi della siccità.",
        2,
    )])]);
    let items = derive(&d);
    assert_eq!(question(of_kind(&items, ItemKind::Basic)[0]), "Che cos'è il fiume?");
}

#[test]
fn a_lead_in_list_is_learned_as_the_sections_list() {
    let mut lead_in = node(NodeKind::Paragraph, "El ciclo del agua pasa por estas etapas:", 2, vec![
        item("Evaporación", 3),
        item("Condensación", 4),
        item("Precipitación", 5),
    ]);
    lead_in.role = Role::Sequence;
    lead_in.children.iter_mut().for_each(|c| c.ordered = true);
    let d = doc("es", vec![heading("El ciclo del agua", 1, vec![lead_in])]);
    let items = derive(&d);
    let steps = of_kind(&items, ItemKind::Sequence);
    assert_eq!(steps.len(), 3, "{items:#?}");
    let Prompt::Cloze { before, .. } = &steps[1].prompt else { panic!("a cloze") };
    assert!(before.starts_with("El ciclo del agua: "), "{before}");
    assert!(items.iter().all(|i| !matches!(&i.answer, Answer::Text { text } if text.ends_with(':'))));
}

#[test]
fn a_lead_in_set_asks_about_its_section() {
    let mut lead_in = node(NodeKind::Paragraph, "Se distinguen varias clases:", 2, vec![
        item("Rocas ígneas", 3),
        item("Rocas sedimentarias", 4),
    ]);
    lead_in.role = Role::Enumeration;
    let d = doc("es", vec![heading("Tipos de rocas", 1, vec![lead_in])]);
    let items = derive(&d);
    let sets = of_kind(&items, ItemKind::Enumeration);
    assert_eq!(sets.len(), 1, "{items:#?}");
    assert_eq!(question(sets[0]), "¿Cuáles son los 2 tipos de rocas?");
}

#[test]
fn a_set_whose_members_share_a_name_is_not_asked_whole() {
    let mut set = heading("Capa de red", 1, vec![
        item("Red: introducción", 2),
        item("Red: elección de rutas", 3),
        item("Red: servicios", 4),
    ]);
    set.role = Role::Enumeration;
    let items = derive(&doc("es", vec![set]));
    assert!(of_kind(&items, ItemKind::Enumeration).is_empty(), "{items:#?}");
}
