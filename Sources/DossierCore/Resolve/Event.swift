/// One event of the timeline, merged from every article that reports it.
public struct Event: Sendable {
    /// The id: the editor's, or `<article>--<n>` for an event without one.
    public var id: String
    /// When it happened, at the precision the sources give.
    public var date: PartialDate
    /// What happened.
    public var title: String
    /// Where it happened.
    public var place: String?
    /// Actor slugs, in the order first given.
    public var actors: [String]
    /// Topic slugs, in the order first given.
    public var topics: [String]
    /// Slugs of the articles that report it, oldest first.
    public var sources: [String]

    /// The fragment of the event on the timeline page.
    public var anchor: String { "event-\(id)" }
}
