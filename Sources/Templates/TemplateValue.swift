/// A value a template can show: text, a yes/no flag, a list, or an object with named children.
///
/// Views hand templates `[String: any TemplateValue]` dictionaries built from these; each value
/// says itself how it behaves, so rendering never casts `Any` at run time (the cost that made
/// general-purpose Mustache engines the slowest part of a large build).
public protocol TemplateValue {
    /// The child called `name`, for objects; `nil` when there is none.
    func child(named name: String) -> (any TemplateValue)?
    /// How `{{#name}}…{{/name}}` treats the value.
    var section: TemplateSection { get }
    /// The text `{{name}}` shows, before HTML escaping.
    var text: String { get }
}

/// What a section does with its value.
public enum TemplateSection {
    /// Rendered once with the value on top of the context (objects, text, numbers).
    case push
    /// Rendered once without changing the context (`true`) or not at all (`false`, nothing).
    case condition(Bool)
    /// Rendered once per item, each on top of the context; not at all when empty.
    case list([any TemplateValue])
}

extension String: TemplateValue {
    public func child(named name: String) -> (any TemplateValue)? { nil }
    public var section: TemplateSection { .push }
    public var text: String { self }
}

extension Bool: TemplateValue {
    public func child(named name: String) -> (any TemplateValue)? { nil }
    public var section: TemplateSection { .condition(self) }
    public var text: String { self ? "true" : "false" }
}

extension Int: TemplateValue {
    public func child(named name: String) -> (any TemplateValue)? { nil }
    public var section: TemplateSection { .push }
    public var text: String { String(self) }
}

extension Double: TemplateValue {
    public func child(named name: String) -> (any TemplateValue)? { nil }
    public var section: TemplateSection { .push }
    public var text: String { String(self) }
}

extension Optional: TemplateValue where Wrapped: TemplateValue {
    public func child(named name: String) -> (any TemplateValue)? { self?.child(named: name) }
    public var section: TemplateSection { self?.section ?? .condition(false) }
    public var text: String { self?.text ?? "" }
}

extension Array: TemplateValue where Element: TemplateValue {
    public func child(named name: String) -> (any TemplateValue)? { nil }
    public var section: TemplateSection { .list(self) }
    public var text: String { "" }
}

extension Dictionary: TemplateValue where Key == String, Value == any TemplateValue {
    public func child(named name: String) -> (any TemplateValue)? { self[name] }
    public var section: TemplateSection { .push }
    public var text: String { "" }
}

/// The object type views build.
public typealias TemplateObject = [String: any TemplateValue]
