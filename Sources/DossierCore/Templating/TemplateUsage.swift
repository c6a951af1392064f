/// Which parts of its context a template can read: the fields it names, through variables,
/// loops, `set`, includes and layouts, worked out from its nodes before any page is rendered.
///
/// The page cache hashes only these parts of a page's context (`FieldMask`): a page that shows an
/// actor's name and link is not rendered again because the actor's mention count changed. The
/// analysis walks the template as the renderer does, with the same scopes, but once through each
/// loop body and through every branch, and over-approximates: every value a rendering can reach
/// is under a path it lists, and wherever a template can observe a value other than through its
/// fields (comparing it with `==`, a filter of the caller's, a loop with two variables), the whole
/// value is kept. A rendering of two contexts that agree on every listed part therefore reads the
/// same values, takes the same branches and prints the same page.
struct TemplateUsage {
    /// One step from a value into a part of it.
    enum Step: Hashable {
        /// A record's field.
        case field(String)
        /// Any item of a list (or anything a loop goes over).
        case item
    }

    /// A part of the context: the steps from the context record to it.
    typealias Path = [Step]

    /// Paths longer than this are cut, and what they reach is kept whole.
    static let maximumPathLength = 16
    /// A template whose analysis would take more nodes and expressions than this (a walk can
    /// double at each `if` around an include), or give a value more possible paths (`or` chains
    /// fed back through `set` multiply them), is taken to read everything.
    static let maximumSteps = 100_000
    static let maximumPaths = 1_024

    private let templates: [String: CompiledTemplate]
    /// The variables of each scope, as the renderer's frames: what each may be bound to.
    private var frames: [[String: Set<Path>]] = [[:]]
    /// Parts the template reads: their shape (kind, text, list length, number of fields) and what is below
    /// them as further paths say.
    private var read: Set<Path> = []
    /// Parts the template may read whole.
    private var whole: Set<Path> = []
    /// The templates being walked; one that includes itself, which would be walked without end,
    /// makes the template read everything.
    private var including: Set<String> = []
    /// Nodes and expressions walked so far.
    private var steps = 0
    /// Whether the analysis stopped: a template includes itself, or a limit above was reached.
    private var gaveUp = false

    /// The parts of its context that `template` can read, among `templates`.
    static func mask(
        for template: CompiledTemplate, in templates: [String: CompiledTemplate], masks: FieldMask.Masks
    ) -> FieldMask {
        var usage = TemplateUsage(templates: templates)
        usage.walk(template.root, blocks: template.blocks)
        return usage.gaveUp ? .whole : FieldMask.tree(read: usage.read, whole: usage.whole, masks: masks)
    }

    private init(templates: [String: CompiledTemplate]) {
        self.templates = templates
    }

    private mutating func walk(_ nodes: [TemplateNode], blocks: [String: [TemplateNode]]) {
        for node in nodes {
            steps += 1
            if steps > Self.maximumSteps { gaveUp = true }
            if gaveUp { return }
            switch node {
            case .text:
                break
            case .output(let expression):
                _ = evaluate(expression)
            case .conditional(let branches, let otherwise):
                let before = frames
                var outcomes: [[String: Set<Path>]] = []
                for branch in branches {
                    _ = evaluate(branch.condition)
                    walk(branch.body, blocks: blocks)
                    outcomes.append(frames[frames.count - 1])
                    frames = before
                }
                walk(otherwise, blocks: blocks)
                outcomes.append(frames[frames.count - 1])
                merge(outcomes, over: before)
            case .loop(let loop):
                let sequence = evaluate(loop.sequence)
                frames.append([:])
                if let keyName = loop.keyName {
                    // A record's values, whichever fields it has.
                    keepWhole(sequence)
                    frames[frames.count - 1][keyName] = []
                }
                frames[frames.count - 1][loop.valueName] = Set(sequence.map { extend($0, .item) })
                walk(loop.body, blocks: blocks)
                frames.removeLast()
                // `{% else %}` renders in the scope around the loop, or not at all.
                let before = frames
                walk(loop.emptyBody, blocks: blocks)
                merge([frames[frames.count - 1], before[before.count - 1]], over: before)
            case .assignment(let name, let expression):
                frames[frames.count - 1][name] = evaluate(expression)
            case .include(let reference):
                guard let template = templates[reference.name] else { break }
                guard including.insert(reference.name).inserted else {
                    gaveUp = true
                    break
                }
                frames.append([:])
                walk(template.root, blocks: template.blocks)
                frames.removeLast()
                including.remove(reference.name)
            case .block(let name, let body):
                frames.append([:])
                walk(blocks[name] ?? body, blocks: blocks)
                frames.removeLast()
            }
        }
    }

    /// Makes the innermost scope what any of `outcomes` (that scope after each way through a
    /// branch, begun from `before`) may have left: a variable one of them set may also be what
    /// it was before.
    private mutating func merge(_ outcomes: [[String: Set<Path>]], over before: [[String: Set<Path>]]) {
        frames = before
        let names = Set(outcomes.flatMap(\.keys))
        for name in names {
            var values: Set<Path> = []
            for outcome in outcomes { values.formUnion(outcome[name] ?? lookUp(name, in: before.dropLast())) }
            frames[frames.count - 1][name] = values
        }
    }

    /// What a variable may be in `frames`: its innermost binding, else the context's field.
    private func lookUp(_ name: String, in frames: ArraySlice<[String: Set<Path>]>) -> Set<Path> {
        for frame in frames.reversed() {
            if let values = frame[name] { return values }
        }
        return [[.field(name)]]
    }

    /// The parts of the context the expression's value may be (none for a value it makes anew),
    /// noting what evaluating it reads.
    private mutating func evaluate(_ expression: TemplateExpression) -> Set<Path> {
        let values = evaluateOnce(expression)
        steps += 1
        if steps > Self.maximumSteps || values.count > Self.maximumPaths { gaveUp = true }
        return gaveUp ? [] : values
    }

    private mutating func evaluateOnce(_ expression: TemplateExpression) -> Set<Path> {
        switch expression {
        case .literal:
            return []
        case .path(let path):
            var values = lookUp(path.names[0], in: frames[...])
            for name in path.names.dropFirst() { values = Set(values.map { extend($0, .field(name)) }) }
            read.formUnion(values)
            return values
        case .not(let operand, _):
            _ = evaluate(operand)
            return []
        case .binary(.and, let left, let right, _), .binary(.or, let left, let right, _):
            return evaluate(left).union(evaluate(right))
        case .binary(.equal, let left, let right, _), .binary(.notEqual, let left, let right, _):
            // Equality looks at everything in both values.
            keepWhole(evaluate(left))
            keepWhole(evaluate(right))
            return []
        case .binary(_, let left, let right, _):
            _ = evaluate(left)
            _ = evaluate(right)
            return []
        case .filter(let filter, let input, let arguments, _):
            let value = evaluate(input)
            let argumentValues = arguments.map { evaluate($0) }
            switch filter.flow {
            case .opaque:
                keepWhole(value)
                for argument in argumentValues { keepWhole(argument) }
                return []
            case .fresh:
                return []
            case .items:
                keepWhole(Set(value.map { extend($0, .item) }))
                return []
            case .item:
                return Set(value.map { extend($0, .item) })
            case .sameItems:
                return value
            case .inputOrArgument:
                return value.union(argumentValues.first ?? [])
            }
        }
    }

    /// `path` one step further; a path at the length limit stays as it is and is kept whole.
    private mutating func extend(_ path: Path, _ step: Step) -> Path {
        guard path.count < Self.maximumPathLength else {
            keepWhole([path])
            return path
        }
        return path + [step]
    }

    private mutating func keepWhole(_ values: Set<Path>) {
        whole.formUnion(values)
    }
}

/// The parts of a value that page keys hash (see `TemplateUsage`): a tree of the fields and items
/// a template reads, whose nodes may say "all of it".
///
/// Where a node is, the value's shape is hashed: its kind, a text's or number's value, a list's
/// length, a record's number of fields. Below it, only the fields and items the tree goes on to,
/// each with whether the record has it.
public final class FieldMask: Sendable {
    /// Whether the whole value is hashed.
    let isWhole: Bool
    /// The fields read, each with what of it is read.
    let fields: [String: FieldMask]
    /// What of each item is read, when items are read at all.
    let items: FieldMask?
    /// `fields` in the order of their names, as three lists (walked by position, so hashing
    /// retains no name or mask): the names, each name fed to an empty stable hash, the masks.
    let fieldNames: [String]
    let fieldStarts: [StableHash]
    let fieldMasks: [FieldMask]
    /// Whether below the fields named only their shape is read: a record's hash under this mask
    /// is then cheap enough to work out on each page rather than keep.
    let isShallow: Bool

    /// Everything.
    static let whole = FieldMask(isWhole: true, fields: [:], items: nil)
    /// The shape only.
    static let shape = FieldMask(isWhole: false, fields: [:], items: nil)

    private init(isWhole: Bool, fields: [String: FieldMask], items: FieldMask?) {
        self.isWhole = isWhole
        self.fields = fields
        self.items = items
        let sorted = fields.sorted { $0.key < $1.key }
        self.fieldNames = sorted.map(\.key)
        self.fieldStarts = sorted.map { name, _ in
            var start = StableHash()
            start.add(name)
            return start
        }
        self.fieldMasks = sorted.map(\.value)
        self.isShallow = items == nil && fields.values.allSatisfy { $0 === FieldMask.shape }
    }

    /// The tree of `read` paths, with the nodes of `whole` paths (and everything below) whole;
    /// its subtrees are the `masks`' own wherever they are alike.
    static func tree(read: Set<TemplateUsage.Path>, whole: Set<TemplateUsage.Path>, masks: Masks) -> FieldMask {
        tree(paths: read.union(whole).map { ($0[...], whole.contains($0)) }, masks: masks)
    }

    /// The tree of `paths` (each with whether its end is whole), all starting here.
    private static func tree(paths: [(path: ArraySlice<TemplateUsage.Step>, isWhole: Bool)], masks: Masks)
        -> FieldMask
    {
        if paths.contains(where: { $0.path.isEmpty && $0.isWhole }) { return .whole }
        var byField: [String: [(path: ArraySlice<TemplateUsage.Step>, isWhole: Bool)]] = [:]
        var byItem: [(path: ArraySlice<TemplateUsage.Step>, isWhole: Bool)]?
        for (path, isWhole) in paths {
            guard let step = path.first else { continue }
            switch step {
            case .field(let name): byField[name, default: []].append((path.dropFirst(), isWhole))
            case .item: byItem = byItem ?? []; byItem?.append((path.dropFirst(), isWhole))
            }
        }
        return masks.mask(
            fields: byField.mapValues { tree(paths: $0, masks: masks) },
            items: byItem.map { tree(paths: $0, masks: masks) })
    }

    /// The masks of one template set, one object for each distinct tree: a record shared by many
    /// pages keeps one hash per mask, and the partial that shows an event on article, actor and
    /// topic pages then reads it under one mask, not three.
    final class Masks {
        private struct Signature: Hashable {
            var fields: [String: ObjectIdentifier]
            var items: ObjectIdentifier?
        }
        // Every mask made, which keeps the identifiers in signatures valid.
        private var made: [Signature: FieldMask] = [:]

        /// The mask of these fields and items, the same object as before for the same subtrees.
        func mask(fields: [String: FieldMask], items: FieldMask?) -> FieldMask {
            if fields.isEmpty, items == nil { return .shape }
            let signature = Signature(
                fields: fields.mapValues(ObjectIdentifier.init), items: items.map(ObjectIdentifier.init))
            if let known = made[signature] { return known }
            let mask = FieldMask(isWhole: false, fields: fields, items: items)
            made[signature] = mask
            return mask
        }
    }
}

extension TemplateValue {
    /// Feeds into `hash` the parts of the value that `mask` keeps: equal for two values a template
    /// with that mask renders alike. A shared record made later (`SharedRecord(schema:identity:make:)`)
    /// gives its identity, which stands for all of it.
    func stableHash(into hash: inout StableHash, keeping mask: FieldMask) {
        if mask.isWhole {
            stableHash(into: &hash)
            return
        }
        switch self {
        case .list(let items):
            hash.add(16)
            hash.add(items.count)
            let itemMask = mask.items ?? .shape
            for item in items { item.stableHash(into: &hash, keeping: itemMask) }
        case .record(let fields):
            // A record looped over like a list: its values may all be read.
            if mask.items != nil {
                stableHash(into: &hash)
                return
            }
            TemplateValue.stableHash(ofRecordWith: fields.count, keeping: mask, into: &hash) { fields[$0] }
        case .shared(let shared):
            guard mask.items == nil, shared.isMade else {
                stableHash(into: &hash)
                return
            }
            func digest() -> StableHash {
                let values = shared.values
                var digest = StableHash()
                TemplateValue.stableHash(ofRecordWith: values.count, keeping: mask, into: &digest) { name in
                    shared.schema.positions[name].map { values[$0] }
                }
                return digest
            }
            hash.add(19)
            // Kept per record only when it goes deeper than the fields' shapes (an event with its
            // actors and sources), which saves memory on the many records that do not.
            hash.add(mask.isShallow ? digest() : shared.digest(keeping: mask, digest))
        case .null, .string, .html, .bool, .number:
            stableHash(into: &hash)
        }
    }

    /// Feeds what a template sees of a record with `count` fields whose field `name` is
    /// `field(name)`: the number of fields (`length`, `if`), and of each field `mask` names,
    /// whether it is there and what of it the mask keeps.
    private static func stableHash(
        ofRecordWith count: Int, keeping mask: FieldMask, into hash: inout StableHash,
        _ field: (String) -> TemplateValue?
    ) {
        hash.add(17)
        hash.add(count)
        for index in mask.fieldNames.indices {
            var entry = mask.fieldStarts[index]
            if let value = field(mask.fieldNames[index]) {
                value.stableHash(into: &entry, keeping: mask.fieldMasks[index])
            } else {
                entry.add(18)
            }
            hash.add(entry)
        }
    }
}
