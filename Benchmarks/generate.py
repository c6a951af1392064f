#!/usr/bin/env python3
"""Generates a deterministic dossier of N articles for the benchmark.

    python3 Benchmarks/generate.py N OUT          # writes OUT/dossier (Content/ + Templates/)
                                                  # and OUT/hugo (the same corpus as a Hugo site)

Articles have about 4.9 KB of Markdown each (10,000 articles ≈ 49 MB), with actor and topic
mentions (explicit links and [[shorthand]]), cross-references with paragraph fragments, editor's
notes and events, some shared between articles. There are N/20 actors and 40 topics. The Hugo
site has the same bodies with annotations turned into plain links, and actors and topics as
taxonomies. Everything comes from a seeded generator, so the same N gives the same bytes.
"""
import os
import random
import shutil
import sys

WORDS = (
    "border control customs transit energy oil gas pipeline railway port treaty union state "
    "visa regime minister president ministry agreement negotiation sanction protest election "
    "migration checkpoint security army exercise loan subsidy tariff market export import "
    "analyst report statement official decision policy region capital neighbour alliance"
).split()


def sentence(rng, mentions):
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 15))]
    for mention in mentions:
        words.insert(rng.randint(0, len(words)), mention)
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def main():
    count = int(sys.argv[1])
    out = sys.argv[2]
    rng = random.Random(20170209 + count)
    actor_count = max(count // 20, 5)
    topic_count = 40
    actors = [f"actor-{i:05d}" for i in range(actor_count)]
    topics = [f"topic-{i:02d}" for i in range(topic_count)]
    dossier = os.path.join(out, "dossier")
    hugo = os.path.join(out, "hugo")
    shutil.rmtree(out, ignore_errors=True)
    for folder in ["Content/articles", "Content/actors", "Content/topics"]:
        os.makedirs(os.path.join(dossier, folder))
    os.makedirs(os.path.join(hugo, "content", "articles"))
    os.makedirs(os.path.join(hugo, "layouts", "_default"))
    here = os.path.dirname(os.path.abspath(__file__))
    shutil.copytree(os.path.join(here, "..", "Templates"), os.path.join(dossier, "Templates"))

    with open(os.path.join(dossier, "Content", "index.md"), "w") as f:
        f.write(f"---\ntitle: Benchmark dossier\ndescription: {count} generated articles.\n---\n\n"
                f"A generated dossier about [[Actor 00000]] and [[Topic 00]].\n")
    for i, slug in enumerate(actors):
        with open(os.path.join(dossier, "Content", "actors", slug + ".md"), "w") as f:
            f.write(f"---\nname: Actor {i:05d}\naliases: [A{i:05d}]\nkind: person\nrole: Role {i % 7}\n---\n\n"
                    f"Profile of actor {i}, who works with [[Topic {i % topic_count:02d}]].\n")
    for i, slug in enumerate(topics):
        with open(os.path.join(dossier, "Content", "topics", slug + ".md"), "w") as f:
            f.write(f"---\ntitle: Topic {i:02d}\nsummary: Generated topic {i}.\n---\n\nAbout topic {i}.\n")

    shared_events = [(f"shared-{i:04d}", 1995 + i % 29, 1 + i % 12) for i in range(max(count // 10, 1))]
    for n in range(count):
        slug = f"article-{n:05d}"
        year = 1995 + n % 29
        date = f"{year}-{1 + n % 12:02d}-{1 + n % 28:02d}"
        cast = rng.sample(actors, min(6, len(actors)))
        themes = rng.sample(topics, 3)
        paragraphs = []
        plain = []
        for p in range(9):
            a, b = rng.choice(cast), rng.choice(cast)
            t = rng.choice(themes)
            name_b = f"Actor {b[6:]}"
            mentions = [f"[{a}](actor:{a})", f"[[{name_b}]]", f"[a theme](topic:{t})"]
            hugo_mentions = [f"[{a}](/actors/{a}/)", name_b, f"[a theme](/topics/{t}/)"]
            if p == 2:
                mentions.append("[this passage](note:context)")
                hugo_mentions.append("this passage")
            if p == 5 and n > 0:
                target = f"article-{rng.randrange(n):05d}"
                mentions.append(f"[as reported](article:{target}#p-3)")
                hugo_mentions.append(f"[as reported](/articles/{target}/)")
            body = " ".join(sentence(rng, mentions if s == 0 else []) for s in range(5))
            hugo_body = body
            for m, h in zip(mentions, hugo_mentions):
                hugo_body = hugo_body.replace(m, h)
            heading = f"## Section {p // 3 + 1}\n\n" if p % 3 == 0 else ""
            paragraphs.append(heading + body)
            plain.append(heading + hugo_body)
        event_id, event_year, event_month = rng.choice(shared_events)
        front = (
            f"---\ntitle: Generated article {n}\ndate: {date}\npublication: Outlet {n % 13}\n"
            f"source_url: https://example.org/articles/{n}\nsummary: Summary of generated article {n}.\n"
            f"topics: [{', '.join(themes)}]\nactors: [{cast[0]}]\n"
            f"events:\n  - id: {event_id}\n    date: {event_year}-{event_month:02d}\n    title: Shared event {event_id}\n"
            f"    actors: [{cast[0]}, {cast[1]}]\n    topics: [{themes[0]}]\n"
            f"  - date: {year}\n    title: Event of article {n}\n    actors: [{cast[2]}]\n"
            f"notes:\n  context: >\n    A note on [[{'Actor ' + cast[3][6:]}]] and the sources.\n---\n\n"
        )
        with open(os.path.join(dossier, "Content", "articles", slug + ".md"), "w") as f:
            f.write(front + "\n\n".join(paragraphs) + "\n")
        with open(os.path.join(hugo, "content", "articles", slug + ".md"), "w") as f:
            f.write(f"---\ntitle: Generated article {n}\ndate: {date}\n"
                    f"actors: [{', '.join(cast)}]\ntopics: [{', '.join(themes)}]\n---\n\n"
                    + "\n\n".join(plain) + "\n")

    with open(os.path.join(hugo, "hugo.toml"), "w") as f:
        f.write('baseURL = "https://example.org/"\ntitle = "Benchmark"\ndisableKinds = ["RSS"]\n'
                '[taxonomies]\n  actor = "actors"\n  topic = "topics"\n')
    layouts = os.path.join(hugo, "layouts", "_default")
    page = ('<!DOCTYPE html><html lang="en"><head><title>{{ .Title }}</title></head><body>'
            '<h1>{{ .Title }}</h1>{{ .Content }}'
            '<ul>{{ range .GetTerms "actors" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>'
            '</body></html>\n')
    listing = ('<!DOCTYPE html><html lang="en"><head><title>{{ .Title }}</title></head><body>'
               '<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>'
               '{{ end }}</ul></body></html>\n')
    for name, text in [("single.html", page), ("list.html", listing), ("terms.html", listing)]:
        with open(os.path.join(layouts, name), "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
