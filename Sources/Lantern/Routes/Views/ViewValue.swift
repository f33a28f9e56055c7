import Templates

/// A typed view: a struct whose fields templates read by name. `child(named:)` is a `switch` over
/// the field names, so a view costs no dictionary per page, and a template asking for a name the
/// view does not have finds nothing — an error in strict rendering, at the template's line.
protocol ViewValue: TemplateValue {}

extension ViewValue {
    var section: TemplateSection { .push }
    var text: String { "" }
}

/// The value of an optional field: present but false when nil (`{{#prev}}` renders nothing),
/// never "no such name".
@inline(__always) func field<T: TemplateValue>(_ value: T?) -> any TemplateValue { value }

/// A page as its template sees it: the page's own view first, then the layout every page shares.
struct PageView<Content: TemplateValue>: ViewValue {
    let layout: LayoutView
    let content: Content
    func child(named name: String) -> (any TemplateValue)? {
        content.child(named: name) ?? layout.child(named: name)
    }
}

/// A name and a link (topics, models, localities, breadcrumbs).
struct LinkView: ViewValue {
    var name: String
    var url: String
    func child(named n: String) -> (any TemplateValue)? {
        switch n {
        case "name", "label": return name
        case "url": return url
        default: return nil
        }
    }
}
