/// The chronology as an inline SVG drawn at build time: events along a time axis, each as honest
/// as its date — a year-long band for a year, a month-long band for a month, a dot for a day.
///
/// It needs no script and no external file; each mark links to its event on the timeline page,
/// and the picture carries a title and a description for screen readers, which also have the
/// full list of events right after it. It has no `img` role: an image may not contain the links
/// its marks are.
struct TimelineChart {
    /// Width of the drawing in SVG units; the page scales it and scrolls it on narrow screens.
    static let width = 1000.0
    /// Space left and right of the axis.
    static let margin = 24.0
    /// Height of one row of marks.
    static let laneHeight = 16.0
    /// Height of the axis with its year labels.
    static let axisHeight = 34.0
    /// Rows of marks at most; further overlapping marks share the emptiest row.
    static let maximumLanes = 14

    /// The events, in date order.
    let events: [Event]
    /// The relative path from the page to the site root.
    let root: String

    /// The SVG markup, or an empty string when there are no events.
    func render() -> String {
        guard let first = events.first, let last = events.last else { return "" }
        let startYear = first.date.year
        let endYear = max(last.date.year + 1, startYear + 1)
        let span = Double(endYear - startYear)
        func x(_ time: Double) -> Double {
            TimelineChart.margin + (time - Double(startYear)) / span * (TimelineChart.width - 2 * TimelineChart.margin)
        }
        let placed = lanes(x: x)
        let laneCount = (placed.map(\.lane).max() ?? 0) + 1
        let height = 12 + Double(laneCount) * TimelineChart.laneHeight + TimelineChart.axisHeight
        let axisY = 8 + Double(laneCount) * TimelineChart.laneHeight + 6
        var svg = """
            <svg class="timeline-chart" viewBox="0 0 \(format(TimelineChart.width)) \(format(height))" \
            aria-labelledby="chart-title chart-description" xmlns="http://www.w3.org/2000/svg">
            <title id="chart-title">Timeline of \(events.count) events, \(startYear) to \(endYear - 1)</title>
            <desc id="chart-description">Each mark is one event placed by its date: a band for a date known \
            only to the year or month, a dot for a date known to the day. The list below gives every event in full.</desc>

            """
        svg += "<line class=\"axis\" x1=\"\(format(x(Double(startYear))))\" y1=\"\(format(axisY))\" "
        svg += "x2=\"\(format(x(Double(endYear))))\" y2=\"\(format(axisY))\"/>\n"
        let step = span > 40 ? 10 : (span > 12 ? 5 : 1)
        for year in stride(from: startYear, through: endYear, by: 1) where year % step == 0 || year == startYear {
            let position = format(x(Double(year)))
            svg += "<line class=\"tick\" x1=\"\(position)\" y1=\"\(format(axisY))\" x2=\"\(position)\" "
            svg += "y2=\"\(format(axisY + 5))\"/>"
            svg += "<text class=\"year\" x=\"\(position)\" y=\"\(format(axisY + 20))\">\(year)</text>\n"
        }
        for mark in placed {
            let event = events[mark.index]
            let y = 8 + Double(mark.lane) * TimelineChart.laneHeight + TimelineChart.laneHeight / 2
            let label = Escape.html("\(event.date.readable): \(event.title)")
            svg += "<a href=\"\(root)\(SitePaths.event(event))\"><title>\(label)</title>"
            if event.date.precision == .day {
                svg += "<circle class=\"mark day\" cx=\"\(format(mark.start))\" cy=\"\(format(y))\" r=\"5\"/>"
            } else {
                let precision = event.date.precision == .year ? "year" : "month"
                svg += "<rect class=\"mark \(precision)\" x=\"\(format(mark.start))\" y=\"\(format(y - 5))\" "
                svg += "width=\"\(format(max(mark.end - mark.start, 4)))\" height=\"10\" rx=\"3\"/>"
            }
            svg += "</a>\n"
        }
        return svg + "</svg>"
    }

    /// A mark's place: its event, horizontal extent and lane.
    struct Mark {
        var index: Int
        var start: Double
        var end: Double
        var lane: Int
    }

    /// Puts each event in the first lane where it does not overlap the previous mark.
    private func lanes(x: (Double) -> Double) -> [Mark] {
        var laneEnds: [Double] = []
        var marks: [Mark] = []
        for (index, event) in events.enumerated() {
            let (from, to) = TimelineChart.interval(event.date)
            let start = x(from)
            let end = event.date.precision == .day ? start : x(to)
            let left = event.date.precision == .day ? start - 5 : start
            let right = event.date.precision == .day ? start + 5 : end
            var lane = laneEnds.firstIndex { $0 + 2 < left } ?? laneEnds.count
            if lane >= TimelineChart.maximumLanes {
                lane = laneEnds.indices.min { laneEnds[$0] < laneEnds[$1] } ?? 0
            }
            if lane == laneEnds.count { laneEnds.append(right) } else { laneEnds[lane] = max(laneEnds[lane], right) }
            marks.append(Mark(index: index, start: start, end: end, lane: lane))
        }
        return marks
    }

    /// The stretch of time a date covers, in fractional years.
    static func interval(_ date: PartialDate) -> (Double, Double) {
        let year = Double(date.year)
        guard let month = date.month else { return (year, year + 1) }
        let monthStart = year + Double(month - 1) / 12
        guard let day = date.day else { return (monthStart, monthStart + 1.0 / 12) }
        let time = monthStart + Double(day - 1) / 365
        return (time, time)
    }

    /// One decimal place, without a trailing `.0`, so the markup is compact and stable.
    private func format(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(abs(tenths % 10))"
    }
}
