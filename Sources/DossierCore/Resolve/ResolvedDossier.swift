/// The dossier with every cross reference resolved: what each page shows, ready to render.
///
/// A class, not a struct: every page's context and every record reads it from several threads,
/// and passing one reference around is one reference count, not one per field.
public final class ResolvedDossier: Sendable {
    /// Settings and home page.
    public let site: SiteSettings
    /// Built articles, newest first (then by slug).
    public let articles: [Article]
    /// Actors by name.
    public let actors: [Actor]
    /// Topics by title.
    public let topics: [Topic]
    /// Events in date order (then by title and id).
    public let events: [Event]
    /// Rendered bodies of articles, by slug.
    public let articleBodies: [String: RenderedMarkdown]
    /// Rendered actor profiles, by slug.
    public let actorBodies: [String: RenderedMarkdown]
    /// Rendered topic bodies, by slug.
    public let topicBodies: [String: RenderedMarkdown]
    /// The rendered home page introduction.
    public let indexBody: RenderedMarkdown
    /// The relations between them; waits while they are still being counted (see `init`).
    public var relations: Relations { counting.value() }
    private let counting: BackgroundWork<Relations>
    /// Actors by slug.
    public let actorsBySlug: [String: Actor]
    /// Topics by slug.
    public let topicsBySlug: [String: Topic]
    /// Built articles by slug.
    public let articlesBySlug: [String: Article]

    /// A resolved dossier of these parts, whose relations `counting` may still be counting on a
    /// thread of its own: what needs no relations (the search index, the page list, mention
    /// digests) goes on meanwhile. Only the resolver makes one.
    init(
        site: SiteSettings,
        articles: [Article],
        actors: [Actor],
        topics: [Topic],
        events: [Event],
        articleBodies: [String: RenderedMarkdown],
        actorBodies: [String: RenderedMarkdown],
        topicBodies: [String: RenderedMarkdown],
        indexBody: RenderedMarkdown,
        counting: BackgroundWork<Relations>,
        actorsBySlug: [String: Actor],
        topicsBySlug: [String: Topic],
        articlesBySlug: [String: Article]
    ) {
        self.site = site
        self.articles = articles
        self.actors = actors
        self.topics = topics
        self.events = events
        self.articleBodies = articleBodies
        self.actorBodies = actorBodies
        self.topicBodies = topicBodies
        self.indexBody = indexBody
        self.counting = counting
        self.actorsBySlug = actorsBySlug
        self.topicsBySlug = topicsBySlug
        self.articlesBySlug = articlesBySlug
    }
}

/// A slug with a count, e.g. how often an actor is mentioned in an article.
public struct Counted: Sendable, Hashable {
    /// The slug.
    public var slug: String
    /// How many times.
    public var count: Int
}

/// The links between articles, actors, topics and events, each list in a stable order.
public struct Relations: Sendable {
    /// Per article: actors it concerns, most mentioned first.
    public var actorsOfArticle: [String: [Counted]] = [:]
    /// Per article: topics it concerns, most referenced first.
    public var topicsOfArticle: [String: [Counted]] = [:]
    /// Per article: the articles that link to it, newest first.
    public var citedBy: [String: [String]] = [:]
    /// Per article: indexes into `events` of the events it reports, in date order.
    public var eventsOfArticle: [String: [Int]] = [:]
    /// Per actor: article slugs that concern it, newest first.
    public var articlesOfActor: [String: [String]] = [:]
    /// Per actor and article: the positions, in that article's `RenderedMarkdown.mentions`, of
    /// its mentions of the actor (indexes, not copies: mentions are the bulk of a large dossier).
    public var mentionsOfActor: [String: [String: [Int32]]] = [:]
    /// Per actor: indexes into `events`, in date order.
    public var eventsOfActor: [String: [Int]] = [:]
    /// Per actor: actors appearing in the same paragraph or event, most often first.
    public var coActors: [String: [Counted]] = [:]
    /// Per actor: topics appearing in the same paragraph or event, most often first.
    public var coTopics: [String: [Counted]] = [:]
    /// Per topic: article slugs, newest first.
    public var articlesOfTopic: [String: [String]] = [:]
    /// Per topic: indexes into `events`, in date order.
    public var eventsOfTopic: [String: [Int]] = [:]
    /// Per topic: actors by their mentions in the topic's articles plus their part in its events.
    public var actorsOfTopic: [String: [Counted]] = [:]
    /// Per actor: total mentions across all articles.
    public var mentionCount: [String: Int] = [:]
}
