/// One piece of a parsed template: text to copy, a value to print, or a tag with the nodes it governs.
///
/// Templates are parsed once into these trees and every render walks them, so nothing is re-parsed per page.
enum TemplateNode: Sendable {
    /// Literal text, copied as is.
    case text(String)
    /// `{{ expression }}`: the value printed, escaped unless it is trusted HTML.
    case output(TemplateExpression)
    /// `{% if %}`, its `elif`s and its `else`: the first branch whose condition is true, else `otherwise`.
    case conditional([TemplateBranch], otherwise: [TemplateNode])
    /// `{% for %}` with its optional `{% else %}`.
    case loop(TemplateLoop)
    /// `{% set name = value %}`, visible until the enclosing block or loop body ends.
    case assignment(name: String, value: TemplateExpression)
    /// `{% include "name" %}`, rendered with the current scope.
    case include(TemplateReference)
    /// `{% block name %}`: its body, unless a template extending this one overrides it.
    case block(name: String, body: [TemplateNode])
}

/// One `if` or `elif` condition and the nodes it guards.
struct TemplateBranch: Sendable {
    /// The condition, tested for truthiness.
    var condition: TemplateExpression
    /// What renders when it holds.
    var body: [TemplateNode]
}

/// A `{% for %}` loop.
struct TemplateLoop: Sendable {
    /// The key's name in `for key, value in record`; nil with a single variable.
    var keyName: String?
    /// The name each item, or each record value, is bound to.
    var valueName: String
    /// What is looped over: a list, a record (in sorted key order) or null (no iterations).
    var sequence: TemplateExpression
    /// What renders once per item.
    var body: [TemplateNode]
    /// What renders when there are no items (`{% else %}`).
    var emptyBody: [TemplateNode]
}

/// A template named by `include` or `extends`, with where its name is written.
struct TemplateReference: Sendable {
    /// The template's name relative to the templates folder, such as `partials/nav.html`.
    var name: String
    /// Where the quoted name starts.
    var location: SourceLocation
}

/// A template's node tree, with what the template set checks across templates.
struct ParsedTemplate: Sendable {
    /// The top-level nodes.
    var nodes: [TemplateNode]
    /// The layout named by `{% extends %}`, if any.
    var extends: TemplateReference?
    /// Every `{% include %}`, so the set can check that each target exists.
    var includes: [TemplateReference]
    /// Every block by name, nested ones included: what this template puts into its layout.
    var blocks: [String: [TemplateNode]]
}
