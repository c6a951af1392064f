/// A place in a source file: a path relative to the site folder, with a 1-based line and column.
///
/// Columns count UTF-8 bytes from the start of the line, as compilers and cmark do; locations
/// order by path, then line, then column.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The file, relative to the site folder (for example `Content/articles/x.md`).
    public var path: String
    /// The line, counted from 1.
    public var line: Int
    /// The column, counted from 1.
    public var column: Int

    /// Creates a location; line and column are 1-based.
    public init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }

    /// `path:line:column`, the form compilers and editors understand.
    public var description: String { "\(path):\(line):\(column)" }

    /// This location moved down by `lines` lines (for text embedded at an offset in a file).
    public func offset(lines: Int) -> SourceLocation {
        SourceLocation(path: path, line: line + lines, column: column)
    }

    /// By path, then line, then column.
    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
    }
}
