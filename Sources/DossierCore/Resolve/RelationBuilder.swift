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
        /// The groups (see `Groups`) the actor is in.
        var groups: [Int32] = []
    }

    /// What is known of one topic so far.
    private struct TopicTally {
        var slug: String
        var articles: [String] = []
        var events: [Int] = []
        /// The weighted groups (see `Groups`) the topic is in.
        var groups: [Int32] = []
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

        /// Notes that the actors and topics of one paragraph or event appear together: each actor
        /// is counted with every other actor and every topic of the group when the tallies are handed over.
        mutating func pair(_ actors: [Int], _ topics: [Int], in groups: inout Groups) {
            let group = groups.add(actors.map { ($0, 1) }, topics)
            for actor in actors { self.actors[actor].groups.append(group) }
        }

        /// Notes that each of `actors` counts for each of `topics` with its weight (its mentions in
        /// an article, or 1 for an event); an actor counts even with a weight of 0.
        mutating func weigh(_ actors: [(id: Int, count: Int)], for topics: [Int], in groups: inout Groups) {
            guard !actors.isEmpty, !topics.isEmpty else { return }
            let group = groups.add(actors, topics)
            for topic in topics { self.topics[topic].groups.append(group) }
        }
    }

    /// Actors (with weights) and topics that appear together, stored flat: the pairs inside them are
    /// counted per actor or topic at the end, in arrays on every core, instead of one dictionary
    /// entry per pair as they are met.
    private struct Groups {
        private(set) var actors: [(id: Int32, weight: Int32)] = []
        private(set) var topics: [Int32] = []
        /// Where each group's actors and topics start; the next group's starts end them.
        private(set) var starts: [(actors: Int32, topics: Int32)] = [(0, 0)]

        /// Adds a group, returning its number.
        mutating func add(_ actors: [(id: Int, count: Int)], _ topics: [Int]) -> Int32 {
            for (id, count) in actors { self.actors.append((Int32(id), Int32(count))) }
            for topic in topics { self.topics.append(Int32(topic)) }
            starts.append((Int32(self.actors.count), Int32(self.topics.count)))
            return Int32(starts.count - 2)
        }

        func actors(of group: Int32) -> ArraySlice<(id: Int32, weight: Int32)> {
            actors[Int(starts[Int(group)].actors)..<Int(starts[Int(group) + 1].actors)]
        }

        func topics(of group: Int32) -> ArraySlice<Int32> {
            topics[Int(starts[Int(group)].topics)..<Int(starts[Int(group) + 1].topics)]
        }
    }

    /// Counts, per number, what `count` adds for one actor or topic: a dense array reused from one
    /// to the next, with the numbers touched (even by 0) kept so only those are read and cleared.
    private struct Counter {
        private var counts: [Int]
        private var touched: [Int32] = []
        private var isTouched: [Bool]

        init(size: Int) {
            counts = Array(repeating: 0, count: size)
            isTouched = Array(repeating: false, count: size)
        }

        mutating func add(_ id: Int32, _ count: Int) {
            let index = Int(id)
            if !isTouched[index] {
                isTouched[index] = true
                touched.append(id)
            }
            counts[index] += count
        }

        /// The counts so far, by number, ready for the next actor or topic.
        mutating func take() -> [(Int, Int)] {
            let result = touched.map { (Int($0), counts[Int($0)]) }
            for id in touched {
                counts[Int(id)] = 0
                isTouched[Int(id)] = false
            }
            touched.removeAll(keepingCapacity: true)
            return result
        }
    }

    /// Every relation of `Relations`.
    func build() -> Relations {
        var relations = Relations()
        relations.actorsOfArticle.reserveCapacity(articles.count)
        relations.topicsOfArticle.reserveCapacity(articles.count)
        var tallies = Tallies()
        var groups = Groups()

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
            for paragraph in paragraphs { tallies.pair(paragraph.actors, paragraph.topics, in: &groups) }
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
            }
            tallies.weigh(actorCounts, for: topicCounts.map(\.id), in: &groups)
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
            var everyTopic: [Int] = []
            for slug in event.topics {
                let id = tallies.topic(slug)
                tallies.topics[id].events.append(index)
                everyTopic.append(id)
                if !topics.contains(id) { topics.append(id) }
            }
            // Every listed actor counts once for every listed topic, as listed.
            tallies.weigh(event.actors.map { (tallies.actor($0), 1) }, for: everyTopic, in: &groups)
            tallies.pair(actors, topics, in: &groups)
        }
        hand(tallies, groups, to: &relations)
        return relations
    }

    /// Puts the tallies into `relations` under their slugs; an actor or topic gets an entry in a
    /// relation only when it has something there.
    private func hand(_ tallies: Tallies, _ groups: Groups, to relations: inout Relations) {
        let actorSlugs = tallies.actors.map(\.slug)
        let topicSlugs = tallies.topics.map(\.slug)
        @Sendable func ranked(_ counts: [(Int, Int)], _ slugs: [String]) -> [Counted] {
            RelationBuilder.ranked(counts.map { (slugs[$0.0], $0.1) })
        }
        // Per actor: the other actors and the topics of its groups. Per topic: the actors of its
        // weighted groups. Each is independent of the others: counted in chunks, on every core.
        let (actorCount, topicCount) = (tallies.actors.count, tallies.topics.count)
        let chunks = max(1, min(64, (actorCount + topicCount) / 32))
        let counted = concurrentMap(chunks) { chunk in
            var actors = Counter(size: actorCount)
            var topics = Counter(size: topicCount)
            var result: [(coActors: [Counted], coTopics: [Counted])] = []
            for index in stride(from: chunk, to: actorCount, by: chunks) {
                let actor = Int32(index)
                for group in tallies.actors[index].groups {
                    for other in groups.actors(of: group) where other.id != actor { actors.add(other.id, 1) }
                    for topic in groups.topics(of: group) { topics.add(topic, 1) }
                }
                result.append((ranked(actors.take(), actorSlugs), ranked(topics.take(), topicSlugs)))
            }
            var topicActors: [[Counted]] = []
            for index in stride(from: chunk, to: topicCount, by: chunks) {
                for group in tallies.topics[index].groups {
                    for actor in groups.actors(of: group) { actors.add(actor.id, Int(actor.weight)) }
                }
                topicActors.append(ranked(actors.take(), actorSlugs))
            }
            return (result, topicActors)
        }
        func chunked<T>(_ count: Int, _ part: (Int) -> [T]) -> [T] {
            let parts = (0..<chunks).map(part)
            return (0..<count).map { parts[$0 % chunks][$0 / chunks] }
        }
        let coRelations = chunked(actorCount) { counted[$0].0 }
        let topicActors = chunked(topicCount) { counted[$0].1 }
        for (index, actor) in tallies.actors.enumerated() {
            if !actor.articles.isEmpty { relations.articlesOfActor[actor.slug] = actor.articles }
            if !actor.mentions.isEmpty {
                relations.mentionsOfActor[actor.slug] = Dictionary(
                    actor.mentions, uniquingKeysWith: { first, _ in first })
            }
            if !actor.events.isEmpty { relations.eventsOfActor[actor.slug] = actor.events }
            if let count = actor.mentionCount { relations.mentionCount[actor.slug] = count }
            let (coActors, coTopics) = coRelations[index]
            if !coActors.isEmpty { relations.coActors[actor.slug] = coActors }
            if !coTopics.isEmpty { relations.coTopics[actor.slug] = coTopics }
        }
        for (index, topic) in tallies.topics.enumerated() {
            if !topic.articles.isEmpty { relations.articlesOfTopic[topic.slug] = topic.articles }
            if !topic.events.isEmpty { relations.eventsOfTopic[topic.slug] = topic.events }
            if !topicActors[index].isEmpty { relations.actorsOfTopic[topic.slug] = topicActors[index] }
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
