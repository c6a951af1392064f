/// Builds the template context of one page: the values every page has plus its own.
///
/// Links in the context are already relative to the page, so templates print them as they are.
struct PageContext {
    /// The dossier the page shows.
    let dossier: ResolvedDossier
    /// The page's path in the output folder.
    let path: String
    /// The relative path from this page to the root.
    let root: String

    /// The context builder for the page at `path`.
    init(dossier: ResolvedDossier, path: String) {
        self.dossier = dossier
        self.path = path
        self.root = SitePaths.root(of: path)
    }

    /// A site path made relative to this page.
    func url(_ sitePath: String) -> TemplateValue { .string(root + sitePath) }

    /// The context shared by all pages, with `page` and the page's own values merged in.
    func make(title: String, description: String?, section: String, values: [String: TemplateValue])
        -> [String: TemplateValue]
    {
        let site = dossier.site
        var context: [String: TemplateValue] = [
            "site": .record([
                "title": .string(site.title),
                "subtitle": optional(site.subtitle),
                "description": optional(site.description),
                "language": .string(site.language),
                "url": url(SitePaths.home),
            ]),
            "root": .string(root),
            "page": .record([
                "title": .string(title),
                "description": .string(description ?? site.description ?? site.title),
                "section": .string(section),
                "path": .string(path),
            ]),
            "nav": .list(navigation(current: section)),
            "stylesheet": url("style.css"),
        ]
        context.merge(values) { _, new in new }
        return context
    }

    private func navigation(current: String) -> [TemplateValue] {
        let items: [(String, String, String)] = [
            ("home", "Home", SitePaths.home), ("articles", "Articles", SitePaths.articles),
            ("actors", "Actors", SitePaths.actors), ("topics", "Topics", SitePaths.topics),
            ("timeline", "Timeline", SitePaths.timeline),
        ]
        return items.map { section, title, path in
            .record(["title": .string(title), "url": url(path), "current": .bool(section == current)])
        }
    }

    // MARK: Records shared by several pages

    /// An article as a list entry.
    func article(_ article: Article) -> TemplateValue {
        .record([
            "slug": .string(article.slug),
            "title": .string(article.title),
            "url": url(SitePaths.article(article.slug)),
            "date": .string(article.date.description),
            "date_readable": .string(article.date.readable),
            "publication": optional(article.publication),
            "author": optional(article.author),
            "summary": optional(article.summary),
        ])
    }

    /// An actor as a link, with a count when one is given.
    func actor(_ slug: String, count: Int? = nil) -> TemplateValue {
        guard let actor = dossier.actorsBySlug[slug] else { return .null }
        return .record([
            "slug": .string(slug),
            "name": .string(actor.name),
            "url": url(SitePaths.actor(slug)),
            "kind": optional(actor.kind?.rawValue),
            "role": optional(actor.role),
            "count": count.map { .number($0) } ?? .null,
            "mentions": .number(dossier.relations.mentionCount[slug] ?? 0),
        ])
    }

    /// A topic as a link, with a count when one is given.
    func topic(_ slug: String, count: Int? = nil) -> TemplateValue {
        guard let topic = dossier.topicsBySlug[slug] else { return .null }
        return .record([
            "slug": .string(slug),
            "title": .string(topic.title),
            "url": url(SitePaths.topic(slug)),
            "summary": optional(topic.summary),
            "count": count.map { .number($0) } ?? .null,
            "article_count": .number(dossier.relations.articlesOfTopic[slug]?.count ?? 0),
            "event_count": .number(dossier.relations.eventsOfTopic[slug]?.count ?? 0),
        ])
    }

    /// An event with its date at its precision, links to its actors, topics and sources.
    func event(_ index: Int) -> TemplateValue {
        let event = dossier.events[index]
        return .record([
            "id": .string(event.id),
            "anchor": .string(event.anchor),
            "url": url(SitePaths.event(event)),
            "date": .string(event.date.description),
            "date_readable": .string(event.date.readable),
            "precision": .string(event.date.precision.name),
            "year": .string(String(event.date.year)),
            "title": .string(event.title),
            "place": optional(event.place),
            "actors": .list(event.actors.map { actor($0) }),
            "topics": .list(event.topics.map { topic($0) }),
            "sources": .list(event.sources.compactMap { dossier.articlesBySlug[$0].map(article) }),
            "source_count": .number(event.sources.count),
        ])
    }

    /// Text or null.
    func optional(_ text: String?) -> TemplateValue {
        text.map { .string($0) } ?? .null
    }
}
