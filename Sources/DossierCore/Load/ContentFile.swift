/// One Markdown file read from the content folder, decoded and normalised, not yet parsed.
public struct ContentFile: Sendable {
    /// Which section of `Content/` the file is in.
    public enum Section: String, Sendable, CaseIterable {
        case index
        case articles
        case actors
        case topics
    }
    /// The section.
    public var section: Section
    /// The file name without `.md` (`index` for the home page).
    public var slug: String
    /// The path shown in diagnostics, e.g. `Content/articles/x.md`.
    public var path: String
    /// The text: valid UTF-8, byte order mark removed, line ends normalised to `\n`; empty when
    /// the file is `unchanged`.
    public var text: String
    /// With a build memory: the file's stamp when it was read, if it had settled by then (see
    /// `FileStamp.isSettled(before:settlingTime:)`), for the memory to keep with the file's parse.
    var stamp: FileStamp?
    /// With a build memory: the parse the memory holds for this file, whose stamp the file still
    /// has. The file was then not read, and is not parsed again.
    var unchanged: BuildMemory.Parse?
}
