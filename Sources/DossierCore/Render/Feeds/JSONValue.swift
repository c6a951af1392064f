/// A JSON value whose objects keep their keys in the order given, for deterministic output.
indirect enum JSONValue {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// An integer.
    case number(Int)
    /// A string, escaped when written.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object, its keys in the order given.
    case object([(String, JSONValue)])

    /// Text or null.
    static func optional(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }

    /// Strings as an array.
    static func strings(_ texts: [String]) -> JSONValue { .array(texts.map { .string($0) }) }

    /// Writes a top-level object whose fields are produced one at a time, so a large document
    /// never exists as a tree: each field's value is made, written and released in turn.
    static func streamObject(_ fields: [(String, (inout String) -> Void)]) -> String {
        var output = "{\n"
        for (index, (key, writeValue)) in fields.enumerated() {
            output += "  \""
            Escape.appendJSON(key, to: &output)
            output += "\": "
            writeValue(&output)
            output += index == fields.count - 1 ? "\n" : ",\n"
        }
        return output + "}\n"
    }

    /// Writes an array of values made one at a time, at the second level of a streamed object.
    static func streamArray<S: Sequence>(_ items: S, to output: inout String, make: (S.Element) -> JSONValue) {
        var first = true
        output += "["
        for item in items {
            output += first ? "\n    " : ",\n    "
            first = false
            make(item).write(to: &output, indent: 2)
        }
        output += first ? "]" : "\n  ]"
    }

    /// Pretty-printed with two-space indents and a final newline.
    var serialized: String {
        var output = ""
        write(to: &output, indent: 0)
        return output + "\n"
    }

    /// Appends the value to `output`, its nested lines indented `indent` levels.
    func write(to output: inout String, indent: Int) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .number(let value): output += String(value)
        case .string(let text):
            output += "\""
            Escape.appendJSON(text, to: &output)
            output += "\""
        case .array(let items):
            guard !items.isEmpty else {
                output += "[]"
                return
            }
            output += "[\n"
            for (index, item) in items.enumerated() {
                output += String(repeating: "  ", count: indent + 1)
                item.write(to: &output, indent: indent + 1)
                output += index == items.count - 1 ? "\n" : ",\n"
            }
            output += String(repeating: "  ", count: indent) + "]"
        case .object(let fields):
            guard !fields.isEmpty else {
                output += "{}"
                return
            }
            output += "{\n"
            for (index, (key, value)) in fields.enumerated() {
                output += String(repeating: "  ", count: indent + 1) + "\""
                Escape.appendJSON(key, to: &output)
                output += "\": "
                value.write(to: &output, indent: indent + 1)
                output += index == fields.count - 1 ? "\n" : ",\n"
            }
            output += String(repeating: "  ", count: indent) + "}"
        }
    }
}
