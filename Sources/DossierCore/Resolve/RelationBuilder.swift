/// Derives who appears where and with whom, in one pass over the mentions and events.
///
/// Work is linear in mentions and events (plus the pairs inside one paragraph), never
/// articles × actors.
struct RelationBuilder {
    /// Built articles, newest first.
    let articles: [Article]
    /// Their rendered bodies, by slug.
    let bodies: [String: RenderedMarkdown]
    /// The merged events, in date order.
    let events: [Event]

    /// Every relation of `Relations`.
    func build() -> Relations {
        var relations = Relations()
        var coActors: [String: [String: Int]] = [:]
        var coTopics: [String: [String: Int]] = [:]
        var topicActors: [String: [String: Int]] = [:]
        func pair(_ actors: Set<String>, _ topics: Set<String>) {
            for actor in actors {
                for other in actors where other != actor { coActors[actor, default: [:]][other, default: 0] += 1 }
                for topic in topics { coTopics[actor, default: [:]][topic, default: 0] += 1 }
            }
        }

        for article in articles {
            let mentions = bodies[article.slug]?.mentions ?? []
            var actorCounts: [String: Int] = [:]
            var topicCounts: [String: Int] = [:]
            var paragraphs: [String: (actors: Set<String>, topics: Set<String>)] = [:]
            for (position, mention) in mentions.enumerated() {
                switch mention.target {
                case .actor(let slug):
                    actorCounts[slug, default: 0] += 1
                    relations.mentionsOfActor[slug, default: [:]][article.slug, default: []].append(Int32(position))
                    paragraphs[mention.anchor, default: ([], [])].actors.insert(slug)
                case .topic(let slug):
                    topicCounts[slug, default: 0] += 1
                    paragraphs[mention.anchor, default: ([], [])].topics.insert(slug)
                }
            }
            for paragraph in paragraphs.values { pair(paragraph.actors, paragraph.topics) }
            for reference in article.actors + article.events.flatMap(\.actors) where actorCounts[reference.slug] == nil
            {
                actorCounts[reference.slug] = 0
            }
            for reference in article.topics + article.events.flatMap(\.topics) where topicCounts[reference.slug] == nil
            {
                topicCounts[reference.slug] = 0
            }
            let actors = RelationBuilder.ranked(actorCounts)
            let topics = RelationBuilder.ranked(topicCounts)
            relations.actorsOfArticle[article.slug] = actors
            relations.topicsOfArticle[article.slug] = topics
            for actor in actors {
                relations.articlesOfActor[actor.slug, default: []].append(article.slug)
                relations.mentionCount[actor.slug, default: 0] += actor.count
                for topic in topics {
                    topicActors[topic.slug, default: [:]][actor.slug, default: 0] += actor.count
                }
            }
            for topic in topics { relations.articlesOfTopic[topic.slug, default: []].append(article.slug) }
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
            for actor in event.actors { relations.eventsOfActor[actor, default: []].append(index) }
            for topic in event.topics {
                relations.eventsOfTopic[topic, default: []].append(index)
                for actor in event.actors { topicActors[topic, default: [:]][actor, default: 0] += 1 }
            }
            pair(Set(event.actors), Set(event.topics))
        }
        relations.coActors = coActors.mapValues(RelationBuilder.ranked)
        relations.coTopics = coTopics.mapValues(RelationBuilder.ranked)
        relations.actorsOfTopic = topicActors.mapValues(RelationBuilder.ranked)
        return relations
    }

    /// Counts as a list, highest first, then by slug.
    static func ranked(_ counts: [String: Int]) -> [Counted] {
        counts.map { Counted(slug: $0.key, count: $0.value) }.sorted { ($1.count, $0.slug) < ($0.count, $1.slug) }
    }
}
