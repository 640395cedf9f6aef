mod formats;

fn main() {
    let registry = formats::registry();
    for e in registry.iter() {
        println!("{}\t{}", e.name(), e.description());
    }
}
