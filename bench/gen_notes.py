#!/usr/bin/env python3
"""Synthetic study notes in the raw shapes studyforge reads, for benchmarks.

    bench/gen_notes.py OUT_DIR N [--seed S]

Writes N files note_00001.txt … to OUT_DIR, rotating three shapes:
  - a Coggle page copied as text: the JavaScript notice, a "… - Coggle Diagram"
    title line, then topics, explanations and "°" or "-" bullets;
  - a Blogger post: a Spanish date line, an upper-case title, numbered
    sections with numbered points, and the "No hay comentarios:" footer;
  - an apuntes post: "Enviado por … y clasificado en …", the size line,
    "•" bullets each followed by an indented explanation, and
    "Entradas relacionadas:".
Text is assembled from a fixed vocabulary with a seeded RNG: the same seed
gives the same bytes on every machine (Python's str seeding is stable), and
every document is different, so no cache can hide real work. Sizes (about
2–7 KB) are in the range of the seed notes.
"""

import argparse
import random
from pathlib import Path

# Each noun with its gender, so articles and adjectives agree.
NOUNS = [
    ("servicio", "m"), ("cliente", "m"), ("mercado", "m"), ("estrategia", "f"), ("calidad", "f"),
    ("proceso", "m"), ("valor", "m"), ("empresa", "f"), ("producto", "m"), ("marca", "f"),
    ("equipo", "m"), ("canal", "m"), ("precio", "m"), ("demanda", "f"), ("oferta", "f"),
    ("garantía", "f"), ("experiencia", "f"), ("relación", "f"), ("fidelidad", "f"),
    ("innovación", "f"), ("segmento", "m"), ("proveedor", "m"), ("contrato", "m"),
    ("indicador", "m"), ("presupuesto", "m"), ("riesgo", "m"), ("cultura", "f"),
    ("liderazgo", "m"), ("comunicación", "f"), ("logística", "f"),
]
ADJECTIVES = [
    "interno", "externo", "directo", "continuo", "básico", "estratégico", "comercial",
    "operativo", "digital", "presencial", "rentable", "medible", "flexible", "sostenible",
    "competitivo", "integral", "personalizado", "estable", "global", "local",
]
VERBS = [
    "mejora", "define", "organiza", "mide", "orienta", "reduce", "amplía", "coordina",
    "evalúa", "asegura", "planifica", "adapta", "refuerza", "simplifica", "anticipa",
]
OBJECTS = [
    "la percepción del cliente", "los costos del proceso", "la respuesta del equipo",
    "el tiempo de atención", "la relación con los proveedores", "la imagen de la marca",
    "los objetivos del área", "el nivel de satisfacción", "la toma de decisiones",
    "la cadena de valor", "las ventas del periodo", "la lealtad de los usuarios",
]
CONNECTORS = [
    "Por eso", "Además", "En la práctica", "Sin embargo", "Por otra parte", "En general",
    "De este modo", "Con frecuencia", "Según el caso",
]
SITES = ["Economía", "Administración", "Marketing", "Gestión", "Comercio"]
AUTHORS = ["Apuntes online", "Chuletas del aula", "Resúmenes UNI", "Notas de clase"]
WEEKDAYS = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]
MONTHS = [
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
    "septiembre", "octubre", "noviembre", "diciembre",
]
JS_NOTICE = ["Please enable JavaScript.", "Coggle requires JavaScript to display documents."]


def cap(text):
    return text[:1].upper() + text[1:]


def adj(word, gender):
    return word[:-1] + "a" if gender == "f" and word.endswith("o") else word


def noun_phrase(rng, article="def"):
    """'el servicio interno', 'una marca directa', or 'servicio interno' (article=None)."""
    (noun, g), a = rng.choice(NOUNS), rng.choice(ADJECTIVES)
    art = {"def": {"m": "el ", "f": "la "}, "indef": {"m": "un ", "f": "una "}, None: {"m": "", "f": ""}}[article][g]
    return f"{art}{noun} {adj(a, g)}"


def noun(rng, article="def"):
    noun, g = rng.choice(NOUNS)
    art = {"def": {"m": "el ", "f": "la "}, "del": {"m": "del ", "f": "de la "}}[article][g]
    return f"{art}{noun}"


def sentence(rng):
    forms = [
        f"{cap(noun_phrase(rng))} {rng.choice(VERBS)} {rng.choice(OBJECTS)}.",
        f"{rng.choice(CONNECTORS)}, {noun(rng)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} y {rng.choice(OBJECTS)}.",
        f"{cap(noun_phrase(rng, 'indef'))} permite que la empresa {rng.choice(VERBS)} {rng.choice(OBJECTS)}.",
        f"Cuando {noun(rng)} es {rng.choice(['clave', 'visible', 'eficaz', 'estable'])}, "
        f"{rng.choice(OBJECTS)} cambia de forma visible.",
    ]
    return rng.choice(forms)


def paragraph(rng, lo=1, hi=3):
    return " ".join(sentence(rng) for _ in range(rng.randint(lo, hi)))


def heading(rng):
    form = rng.choice([
        "Tipos de {p}", "Elementos {d}", "Fases {d}", "Importancia {d}", "Definición de {p}",
        "Características {d}", "Gestión {d}", "Ventajas {d}",
    ])
    (n, g), a = rng.choice(NOUNS), rng.choice(ADJECTIVES)
    return form.format(p=f"{n} {adj(a, g)}", d=f"{'del' if g == 'm' else 'de la'} {n} {adj(a, g)}")


def term(rng):
    return cap(noun_phrase(rng, None))


def definition(rng):
    return f"es {noun(rng)} que {rng.choice(VERBS)} {rng.choice(OBJECTS)}"


def title(rng):
    return f"{rng.choice(NOUNS)[0]} y {noun_phrase(rng, None)}".upper()


def coggle(rng):
    name = title(rng)
    lines = [*JS_NOTICE, f"{name} - Coggle Diagram", name]
    for _ in range(rng.randint(4, 9)):
        lines.append(heading(rng))
        lines.append(paragraph(rng))
        bullet = rng.choice(["°", "-", ""])
        for _ in range(rng.randint(2, 5)):
            lines.append(f"{bullet}{term(rng)}: {definition(rng)}." if bullet else f"{term(rng)}: {definition(rng)}.")
    return "\n".join(lines)


def blogger(rng):
    day = f"{rng.choice(WEEKDAYS)}, {rng.randint(1, 28)} de {rng.choice(MONTHS)} de {rng.randint(2006, 2015)}"
    lines = [day, "", title(rng), "", paragraph(rng, 2, 3), "", ""]
    for section in range(1, rng.randint(4, 8)):
        lines += [f"{section}. {heading(rng)}:", ""]
        for point in range(1, rng.randint(3, 7)):
            lines.append(f"{point}. {term(rng)}: {definition(rng)}.")
        lines += ["", paragraph(rng), ""]
    lines += ["No hay comentarios:", ""]
    return "\n".join(lines)


def apuntes(rng):
    body = []
    for _ in range(rng.randint(3, 6)):
        body += [heading(rng), ""]
        if rng.random() < 0.5:
            body += [paragraph(rng, 2, 4), ""]
        for _ in range(rng.randint(2, 5)):
            body += [f"  • {term(rng)}", "", f"    {cap(definition(rng))}. {sentence(rng)}", ""]
    text = "\n".join(body)
    size = f"{len(text.encode()) / 1024:.2f}".replace(".", ",")
    header = [
        cap(title(rng).lower()), "",
        f"Enviado por {rng.choice(AUTHORS)} y clasificado en {rng.choice(SITES)}", "",
        f"Escrito el en español con un tamaño de {size} KB", "",
    ]
    return "\n".join(header) + "\n" + text + "\nEntradas relacionadas:"


SHAPES = [coggle, blogger, apuntes]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    width = max(5, len(str(args.n)))
    for i in range(args.n):
        rng = random.Random(f"{args.seed}:{i}")
        text = SHAPES[i % len(SHAPES)](rng)
        (args.out_dir / f"note_{i + 1:0{width}d}.txt").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
