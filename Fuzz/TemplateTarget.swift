/// libFuzzer target: bytes → a template (with a layout and a partial around it) → parse → render
/// against a fixed context.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplates(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var diagnostics = Diagnostics()
    let set = TemplateSet(
        sources: [
            "page.html": text,
            "base.html": "<title>{% block title %}T{% endblock %}</title>{% block content %}{% endblock %}",
            "partials/item.html": "<li>{{ item.name | upper }}</li>",
        ],
        filters: DossierFilters.all, diagnostics: &diagnostics)
    let context: [String: TemplateValue] = [
        "title": "A <b>title</b>",
        "body": .html("<p>trusted</p>"),
        "count": 3,
        "flag": true,
        "date": "2023-05",
        "root": "../../",
        "items": .list([.record(["name": "one", "count": 1]), .record(["name": "two", "count": 2])]),
        "page": .record(["author": .null, "tags": .list(["a", "b"])]),
    ]
    _ = try? set.render("page.html", context)
    return 0
}
