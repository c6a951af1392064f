/// A calendar date known to a year, a month or a day, as content gives it.
///
/// Precision is kept: `1995` is the year 1995, not 1 January 1995. Dates order by their
/// earliest day, and a less precise date sorts before a more precise one that starts the same day.
public struct PartialDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// How much of the date is known.
    public enum Precision: Int, Sendable, Hashable, Comparable {
        /// Only the year is known.
        case year
        /// The year and month are known.
        case month
        /// The full date is known.
        case day

        /// `year`, `month` or `day`, as templates and `dossier.json` show it.
        public var name: String { ["year", "month", "day"][rawValue] }

        /// Less precise first.
        public static func < (lhs: Precision, rhs: Precision) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The year, e.g. 2017.
    public let year: Int
    /// The month 1–12, when known.
    public let month: Int?
    /// The day of the month, when known.
    public let day: Int?

    /// How much of the date is known.
    public var precision: Precision { day != nil ? .day : (month != nil ? .month : .year) }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; nil when the text is not such a date or names
    /// a day that does not exist (`2023-02-30`).
    public init?(_ text: some StringProtocol) {
        // Read on the UTF-8 bytes: templates format thousands of dates a build.
        var parts = [0, 0, 0]
        var part = 0
        var digits = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "-") {
                guard digits == (part == 0 ? 4 : 2), part < 2 else { return nil }
                part += 1
                digits = 0
                continue
            }
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte), digits < (part == 0 ? 4 : 2) else {
                return nil
            }
            parts[part] = parts[part] * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
        }
        guard digits == (part == 0 ? 4 : 2) else { return nil }
        self.year = parts[0]
        self.month = part >= 1 ? parts[1] : nil
        self.day = part >= 2 ? parts[2] : nil
        if let month, !(1...12).contains(month) { return nil }
        if let month, let day, !(1...PartialDate.daysIn(month: month, year: year)).contains(day) { return nil }
    }

    /// Creates a date from its parts; `day` requires `month`.
    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        precondition(day == nil || month != nil, "a day needs a month")
        self.year = year
        self.month = month
        self.day = day
    }

    /// The ISO form at its precision: `1995`, `2023-05`, `2017-01-09`.
    public var description: String {
        var text = String(format4(year))
        if let month { text += "-" + format2(month) }
        if let day { text += "-" + format2(day) }
        return text
    }

    /// The date for readers at its precision: "1995", "May 2023", "9 January 2017".
    public var readable: String {
        guard let month else { return String(year) }
        let name = PartialDate.monthNames[month - 1]
        guard let day else { return "\(name) \(year)" }
        return "\(day) \(name) \(year)"
    }

    /// The first full day this date covers, as `YYYY-MM-DD` (for Atom and sitemap timestamps).
    public var firstDay: String {
        "\(format4(year))-\(format2(month ?? 1))-\(format2(day ?? 1))"
    }

    /// English month names, January first.
    public static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    /// Earlier first; a less precise date before a more precise one that starts the same day.
    public static func < (lhs: PartialDate, rhs: PartialDate) -> Bool {
        (lhs.year, lhs.month ?? 0, lhs.day ?? 0) < (rhs.year, rhs.month ?? 0, rhs.day ?? 0)
    }

    /// The number of days in a month of the Gregorian calendar.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

private func format2(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
private func format4(_ value: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, 4 - text.count)) + text
}
