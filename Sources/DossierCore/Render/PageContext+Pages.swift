/// The values of each kind of page, on top of the common ones.
extension PageContext {
    /// The home page: introduction, newest articles, latest events, most mentioned actors, topics.
    func home() -> [String: TemplateValue] {
        let relations = dossier.relations
        // "Next" is measured from the newest article, not the clock, so builds stay reproducible:
        // events dated after it are what the sources announce or expect.
        let newest = dossier.articles.first?.date
        let upcoming = dossier.events.indices.filter { index in
            newest.map { TimelineChart.interval(dossier.events[index].date).0 > TimelineChart.interval($0).1 } ?? false
        }
        let upcomingSet = Set(upcoming)
        let past = dossier.events.indices.filter { !upcomingSet.contains($0) }
        let latestEvents = Array(past.suffix(6).reversed())
        let topActors = dossier.actors
            .map { Counted(slug: $0.slug, count: relations.mentionCount[$0.slug] ?? 0) }
            .sorted { ($1.count, $0.slug) < ($0.count, $1.slug) }
            .prefix(12)
        return make(
            title: dossier.site.title, description: dossier.site.description, section: "home",
            values: [
                "introduction": .html(dossier.indexBody.html),
                "latest_articles": .list(dossier.articles.prefix(5).map(article)),
                "latest_events": .list(latestEvents.map(event)),
                "next_events": .list(upcoming.prefix(3).map(event)),
                "top_actors": .list(topActors.map { actor($0.slug, count: $0.count) }),
                "topics": .list(dossier.topics.map { topic($0.slug) }),
                "article_count": .number(dossier.articles.count),
                "actor_count": .number(dossier.actors.count),
                "topic_count": .number(dossier.topics.count),
                "event_count": .number(dossier.events.count),
            ])
    }

    /// One article: metadata, body with notes, events, actors, topics, cited by.
    func articlePage(_ article: Article) -> [String: TemplateValue] {
        let relations = dossier.relations
        let body = dossier.articleBodies[article.slug]
        var record = recordFields(self.article(article))
        record["source_url"] = optional(article.sourceURL)
        record["body"] = .html(body?.html ?? "")
        record["actors"] = .list(
            (relations.actorsOfArticle[article.slug] ?? []).map { actor($0.slug, count: $0.count) })
        record["topics"] = .list(
            (relations.topicsOfArticle[article.slug] ?? []).map { topic($0.slug, count: $0.count) })
        record["events"] = .list((relations.eventsOfArticle[article.slug] ?? []).map(event))
        record["cited_by"] = .list(
            (relations.citedBy[article.slug] ?? []).compactMap { self.article(slug: $0) })
        record["draft"] = .bool(article.draft)
        let description = article.summary ?? body?.firstParagraph
        return make(
            title: article.title, description: description, section: "articles", values: ["article": .record(record)])
    }

    /// One actor: profile, every mention in context, events, who and what it appears with.
    func actorPage(_ actor: Actor) -> [String: TemplateValue] {
        let relations = dossier.relations
        var record = recordFields(self.actor(actor.slug))
        record["aliases"] = .list(actor.aliases.map { .string($0) })
        record["country"] = optional(actor.country)
        record["profile"] = .html(dossier.actorBodies[actor.slug]?.html ?? "")
        let mentionsByArticle = relations.mentionsOfActor[actor.slug] ?? [:]
        record["articles"] = .list(
            (relations.articlesOfActor[actor.slug] ?? []).compactMap { slug in
                records.mentionEntry(article: slug, positions: mentionsByArticle[slug] ?? [])
            })
        record["events"] = .list((relations.eventsOfActor[actor.slug] ?? []).map(event))
        record["co_actors"] = .list(
            (relations.coActors[actor.slug] ?? []).prefix(10).map { self.actor($0.slug, count: $0.count) })
        record["co_topics"] = .list(
            (relations.coTopics[actor.slug] ?? []).prefix(10).map { topic($0.slug, count: $0.count) })
        let description = [actor.role, actor.country].compactMap { $0 }.joined(separator: ", ")
        return make(
            title: actor.name, description: description.isEmpty ? nil : "\(actor.name): \(description)",
            section: "actors", values: ["actor": .record(record)])
    }

    /// One topic: summary, body, its articles, events and actors.
    func topicPage(_ topic: Topic) -> [String: TemplateValue] {
        let relations = dossier.relations
        var record = recordFields(self.topic(topic.slug))
        record["body"] = .html(dossier.topicBodies[topic.slug]?.html ?? "")
        record["articles"] = .list(
            (relations.articlesOfTopic[topic.slug] ?? []).compactMap { article(slug: $0) })
        record["events"] = .list((relations.eventsOfTopic[topic.slug] ?? []).map(event))
        record["actors"] = .list(
            (relations.actorsOfTopic[topic.slug] ?? []).prefix(12).map { actor($0.slug, count: $0.count) })
        return make(
            title: topic.title, description: topic.summary, section: "topics", values: ["topic": .record(record)])
    }

    /// The article directory, newest first.
    func articleDirectory() -> [String: TemplateValue] {
        make(
            title: "Articles", description: "Every source article of \(dossier.site.title), newest first.",
            section: "articles", values: ["articles": .list(dossier.articles.map(article))])
    }

    /// The actor directory, grouped by kind.
    func actorDirectory() -> [String: TemplateValue] {
        let labels: [(Actor.Kind?, String)] = [
            (.person, "People"), (.organisation, "Organisations"), (.state, "States"), (.outlet, "Outlets"),
            (nil, "Others"),
        ]
        let groups: [TemplateValue] = labels.compactMap { kind, label in
            let members = dossier.actors.filter { $0.kind == kind }
            guard !members.isEmpty else { return nil }
            return .record([
                "kind": .string(kind?.rawValue ?? "other"), "title": .string(label),
                "actors": .list(members.map { actor($0.slug) }),
            ])
        }
        return make(
            title: "Actors", description: "The people, organisations, states and outlets of \(dossier.site.title).",
            section: "actors", values: ["groups": .list(groups)])
    }

    /// The topic directory.
    func topicDirectory() -> [String: TemplateValue] {
        make(
            title: "Topics", description: "The themes of \(dossier.site.title).", section: "topics",
            values: ["topics": .list(dossier.topics.map { topic($0.slug) })])
    }

    /// The timeline: every event by year, at its precision, with its sources.
    func timeline() -> [String: TemplateValue] {
        var years: [(String, [Int])] = []
        for index in dossier.events.indices {
            let year = String(dossier.events[index].date.year)
            if years.last?.0 == year { years[years.count - 1].1.append(index) } else { years.append((year, [index])) }
        }
        return make(
            title: "Timeline", description: "Every dated event of \(dossier.site.title), with its sources.",
            section: "timeline",
            values: [
                "years": .list(
                    years.map { year, indexes in
                        .record(["year": .string(year), "events": .list(indexes.map(event))])
                    }),
                "event_count": .number(dossier.events.count),
                "chart": .html(TimelineChart(events: dossier.events, root: root).render()),
            ])
    }

    /// The search page: a form the script enhances, and directories to browse without it.
    func search() -> [String: TemplateValue] {
        make(
            title: "Search", description: "Search the articles, actors, topics and events of \(dossier.site.title).",
            section: "search",
            values: [
                "index_script": url("search-index.js"),
                "search_script": url("search.js"),
            ])
    }

    /// The not-found page.
    func notFound() -> [String: TemplateValue] {
        make(title: "Page not found", description: nil, section: "404", values: [:])
    }

    private func recordFields(_ value: TemplateValue) -> [String: TemplateValue] {
        value.unshared.recordFields
    }
}
