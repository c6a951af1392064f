/// Derives who appears where and with whom, in one pass over the mentions and events.
///
/// Work is linear in mentions and events (plus the pairs inside one paragraph), never
/// articles × actors. Actors and topics are numbered on first sight, so the counting works on
/// integers and arrays; slugs come back only when the relations are handed over.
struct RelationBuilder {
    /// Built articles, newest first.
    let articles: [Article]
    /// Their rendered bodies, by slug.
    let bodies: [String: RenderedMarkdown]
    /// The merged events, in date order.
    let events: [Event]

    /// What is known of one actor so far.
    private struct ActorTally {
        var slug: String
        var articles: [String] = []
        var mentions: [(article: String, positions: [Int32])] = []
        var events: [Int] = []
        /// Total mentions, and whether any article counted the actor at all (even zero times).
        var mentionCount: Int?
        var coActors: [Int: Int] = [:]
        var coTopics: [Int: Int] = [:]
    }

    /// What is known of one topic so far.
    private struct TopicTally {
        var slug: String
        var articles: [String] = []
        var events: [Int] = []
        var actors: [Int: Int] = [:]
    }

    /// Actor and topic tallies, numbered in the order their slugs are first seen.
    private struct Tallies {
        var actors: [ActorTally] = []
        var topics: [TopicTally] = []
        private var actorIDs: [String: Int] = [:]
        private var topicIDs: [String: Int] = [:]

        mutating func actor(_ slug: String) -> Int {
            if let id = actorIDs[slug] { return id }
            actorIDs[slug] = actors.count
            actors.append(ActorTally(slug: slug))
            return actors.count - 1
        }

        mutating func topic(_ slug: String) -> Int {
            if let id = topicIDs[slug] { return id }
            topicIDs[slug] = topics.count
            topics.append(TopicTally(slug: slug))
            return topics.count - 1
        }

        /// Counts each actor with every other actor and every topic of one paragraph or event.
        mutating func pair(_ actors: [Int], _ topics: [Int]) {
            for actor in actors {
                for other in actors where other != actor { self.actors[actor].coActors[other, default: 0] += 1 }
                for topic in topics { self.actors[actor].coTopics[topic, default: 0] += 1 }
            }
        }
    }

    /// Every relation of `Relations`.
    func build() -> Relations {
        var relations = Relations()
        relations.actorsOfArticle.reserveCapacity(articles.count)
        relations.topicsOfArticle.reserveCapacity(articles.count)
        var tallies = Tallies()

        for article in articles {
            let mentions = bodies[article.slug]?.mentions ?? []
            var actorCounts: [(id: Int, count: Int)] = []
            var topicCounts: [(id: Int, count: Int)] = []
            var positions: [(id: Int, positions: [Int32])] = []
            // Mentions come in reading order, so a paragraph's are next to each other.
            var paragraphs: [(anchor: String, actors: [Int], topics: [Int])] = []
            for (position, mention) in mentions.enumerated() {
                if paragraphs.last?.anchor != mention.anchor {
                    if let index = paragraphs.lastIndex(where: { $0.anchor == mention.anchor }) {
                        paragraphs.append(paragraphs.remove(at: index))
                    } else {
                        paragraphs.append((mention.anchor, [], []))
                    }
                }
                let last = paragraphs.count - 1
                switch mention.target {
                case .actor(let slug):
                    let id = tallies.actor(slug)
                    RelationBuilder.add(id, 1, to: &actorCounts)
                    if let index = positions.firstIndex(where: { $0.id == id }) {
                        positions[index].positions.append(Int32(position))
                    } else {
                        positions.append((id, [Int32(position)]))
                    }
                    if !paragraphs[last].actors.contains(id) { paragraphs[last].actors.append(id) }
                case .topic(let slug):
                    let id = tallies.topic(slug)
                    RelationBuilder.add(id, 1, to: &topicCounts)
                    if !paragraphs[last].topics.contains(id) { paragraphs[last].topics.append(id) }
                }
            }
            for paragraph in paragraphs { tallies.pair(paragraph.actors, paragraph.topics) }
            for (id, list) in positions { tallies.actors[id].mentions.append((article.slug, list)) }
            // Actors and topics named in the front matter or the events count, even unmentioned.
            for reference in article.actors + article.events.flatMap(\.actors) {
                RelationBuilder.add(tallies.actor(reference.slug), 0, to: &actorCounts)
            }
            for reference in article.topics + article.events.flatMap(\.topics) {
                RelationBuilder.add(tallies.topic(reference.slug), 0, to: &topicCounts)
            }
            let actors = RelationBuilder.ranked(actorCounts.map { (tallies.actors[$0.id].slug, $0.count) })
            let topics = RelationBuilder.ranked(topicCounts.map { (tallies.topics[$0.id].slug, $0.count) })
            relations.actorsOfArticle[article.slug] = actors
            relations.topicsOfArticle[article.slug] = topics
            for counted in actorCounts {
                tallies.actors[counted.id].articles.append(article.slug)
                tallies.actors[counted.id].mentionCount = (tallies.actors[counted.id].mentionCount ?? 0) + counted.count
                for topic in topicCounts {
                    tallies.topics[topic.id].actors[counted.id, default: 0] += counted.count
                }
            }
            for topic in topicCounts { tallies.topics[topic.id].articles.append(article.slug) }
            var cited: Set<String> = []
            for reference in bodies[article.slug]?.articleReferences ?? [] where reference.slug != article.slug {
                // Articles come newest first, so each cited article's list stays in that order.
                if cited.insert(reference.slug).inserted {
                    relations.citedBy[reference.slug, default: []].append(article.slug)
                }
            }
        }

        for (index, event) in events.enumerated() {
            for source in event.sources { relations.eventsOfArticle[source, default: []].append(index) }
            var actors: [Int] = []
            for slug in event.actors {
                let id = tallies.actor(slug)
                tallies.actors[id].events.append(index)
                if !actors.contains(id) { actors.append(id) }
            }
            var topics: [Int] = []
            for slug in event.topics {
                let id = tallies.topic(slug)
                tallies.topics[id].events.append(index)
                for actor in event.actors { tallies.topics[id].actors[tallies.actor(actor), default: 0] += 1 }
                if !topics.contains(id) { topics.append(id) }
            }
            tallies.pair(actors, topics)
        }
        hand(tallies, to: &relations)
        return relations
    }

    /// Puts the tallies into `relations` under their slugs; an actor or topic gets an entry in a
    /// relation only when it has something there.
    private func hand(_ tallies: Tallies, to relations: inout Relations) {
        let actorSlugs = tallies.actors.map(\.slug)
        let topicSlugs = tallies.topics.map(\.slug)
        func ranked(_ counts: [Int: Int], _ slugs: [String]) -> [Counted] {
            RelationBuilder.ranked(counts.map { (slugs[$0.key], $0.value) })
        }
        for actor in tallies.actors {
            if !actor.articles.isEmpty { relations.articlesOfActor[actor.slug] = actor.articles }
            if !actor.mentions.isEmpty {
                relations.mentionsOfActor[actor.slug] = Dictionary(
                    actor.mentions, uniquingKeysWith: { first, _ in first })
            }
            if !actor.events.isEmpty { relations.eventsOfActor[actor.slug] = actor.events }
            if let count = actor.mentionCount { relations.mentionCount[actor.slug] = count }
            if !actor.coActors.isEmpty { relations.coActors[actor.slug] = ranked(actor.coActors, actorSlugs) }
            if !actor.coTopics.isEmpty { relations.coTopics[actor.slug] = ranked(actor.coTopics, topicSlugs) }
        }
        for topic in tallies.topics {
            if !topic.articles.isEmpty { relations.articlesOfTopic[topic.slug] = topic.articles }
            if !topic.events.isEmpty { relations.eventsOfTopic[topic.slug] = topic.events }
            if !topic.actors.isEmpty { relations.actorsOfTopic[topic.slug] = ranked(topic.actors, actorSlugs) }
        }
    }

    /// Adds `count` to the entry of `id` in a short list of counts, making the entry if missing.
    private static func add(_ id: Int, _ count: Int, to counts: inout [(id: Int, count: Int)]) {
        if let index = counts.firstIndex(where: { $0.id == id }) {
            counts[index].count += count
        } else {
            counts.append((id, count))
        }
    }

    /// Counts as a list, highest first, then by slug.
    static func ranked(_ counts: [(String, Int)]) -> [Counted] {
        counts.map { Counted(slug: $0.0, count: $0.1) }.sorted { ($1.count, $0.slug) < ($0.count, $1.slug) }
    }
}
