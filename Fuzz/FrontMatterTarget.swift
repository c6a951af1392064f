/// libFuzzer target: bytes → UTF-8 decoding → front matter split and parse → the fields reader.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontMatter(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var diagnostics = Diagnostics()
    guard let text = TextDecoding.decode(bytes, path: "fuzz.md", diagnostics: &diagnostics),
        let document = FrontMatterParser.document(text, path: "fuzz.md", diagnostics: &diagnostics)
    else { return 0 }
    var fields = FrontMatterFields(document.frontMatter)
    _ = fields.string("title", required: true)
    _ = fields.date("date", required: true)
    _ = fields.stringList("topics")
    _ = fields.bool("draft")
    for event in fields.mapList("events") {
        var eventFields = FrontMatterFields(event)
        _ = eventFields.date("date")
        _ = eventFields.finish()
    }
    _ = fields.map("notes")
    _ = fields.finish()
    return 0
}
