/// Merges the events articles report into one timeline: reports with the same id are one event
/// with several sources.
enum EventMerger {
    /// The events of `articles` in date order; conflicting dates for one id are errors.
    static func merge(_ articles: [Article], diagnostics: inout Diagnostics) -> [Event] {
        var events: [Event] = []
        var indexByID: [String: Int] = [:]
        var firstReport: [String: EventReport] = [:]
        // Positions are sorted, not articles: moving an article copies all its fields.
        let oldestFirst = articles.indices.sorted {
            (articles[$0].date, articles[$0].slug) < (articles[$1].date, articles[$1].slug)
        }
        for article in oldestFirst.lazy.map({ articles[$0] }) {
            var idsInArticle: Set<String> = []
            for (position, report) in article.events.enumerated() {
                let id = report.id ?? "\(article.slug)--\(position + 1)"
                if !idsInArticle.insert(id).inserted {
                    diagnostics.error(
                        "event id '\(id)' is used twice in this article", at: report.location,
                        notes: ["one article reports an event once; give the other event its own id"])
                    continue
                }
                guard let index = indexByID[id] else {
                    indexByID[id] = events.count
                    firstReport[id] = report
                    events.append(
                        Event(
                            id: id, date: report.date, title: report.title, place: report.place,
                            actors: unique(report.actors.map(\.slug)), topics: unique(report.topics.map(\.slug)),
                            sources: [article.slug]))
                    continue
                }
                let first = firstReport[id]!
                if report.date != first.date {
                    diagnostics.error(
                        "event '\(id)' is dated \(report.date) here but \(first.date) at \(first.location)",
                        at: report.location, notes: ["one id is one event: give both reports the same date"])
                }
                // Changed in place: a copy taken out and put back would copy its lists on every report.
                if !events[index].sources.contains(article.slug) { events[index].sources.append(article.slug) }
                for actor in report.actors where !events[index].actors.contains(actor.slug) {
                    events[index].actors.append(actor.slug)
                }
                for topic in report.topics where !events[index].topics.contains(topic.slug) {
                    events[index].topics.append(topic.slug)
                }
                if events[index].place == nil { events[index].place = report.place }
            }
        }
        return events.sorted { ($0.date, $0.title, $0.id) < ($1.date, $1.title, $1.id) }
    }

    /// The slugs in their first order, without repeats.
    static func unique(_ slugs: [String]) -> [String] {
        var seen: Set<String> = []
        return slugs.filter { seen.insert($0).inserted }
    }
}
