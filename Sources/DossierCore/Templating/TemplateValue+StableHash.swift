extension TemplateValue {
    /// Feeds the whole value into `hash`, so equal values hash equally in every run; what a
    /// template renders depends only on this and the template. A record's entries are hashed one
    /// by one and summed, which does not depend on the dictionary's order and needs no sorting.
    func stableHash(into hash: inout StableHash) {
        switch self {
        case .null: hash.add(0)
        case .string(let text):
            hash.add(1)
            hash.add(text)
        case .html(let html):
            hash.add(2)
            hash.add(html)
        case .bool(let flag): hash.add(flag ? 3 : 4)
        case .number(let number):
            hash.add(5)
            hash.add(number)
        case .list(let items):
            hash.add(6)
            hash.add(items.count)
            for item in items { item.stableHash(into: &hash) }
        case .record(let fields):
            hash.add(7)
            hash.add(fields.count)
            var sum = StableHash.Sum()
            for (key, value) in fields {
                var entry = StableHash()
                entry.add(key)
                value.stableHash(into: &entry)
                sum.add(entry)
            }
            hash.add(sum)
        case .shared(let shared):
            hash.add(8)
            hash.add(shared.digest)
        }
    }

    /// Feeds what `.record` of the fields `values` (in the order of `schema.names`) feeds, with
    /// the hash of each name worked out once per schema instead of once per record.
    static func stableHash(ofRecordWith schema: RecordSchema, _ values: [TemplateValue], into hash: inout StableHash) {
        hash.add(7)
        hash.add(values.count)
        var sum = StableHash.Sum()
        for (start, value) in zip(schema.nameHashes, values) {
            var entry = start
            value.stableHash(into: &entry)
            sum.add(entry)
        }
        hash.add(sum)
    }
}
