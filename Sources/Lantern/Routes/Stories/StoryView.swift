import Templates

/// A model story's page (`story.mustache`): date, author, locality, model and photo.
struct StoryView: ViewValue {
    var body: BodyView
    var dateText: String
    var dateISO: String
    var author: String
    var locality: LinkView
    var model: LinkView?
    var image: ImageView?

    struct ImageView: ViewValue {
        var src: String
        var alt: String
        func child(named n: String) -> (any TemplateValue)? {
            switch n {
            case "src": return src
            case "alt": return alt
            default: return nil
            }
        }
    }

    func child(named n: String) -> (any TemplateValue)? {
        switch n {
        case "date_text": return dateText
        case "date_iso": return dateISO
        case "author": return author
        case "locality": return locality
        case "model": return field(model)
        case "image": return field(image)
        default: return body.child(named: n)
        }
    }
}

extension ContentViews {
    func story(_ st: Page.Story, _ body: BodyView) -> StoryView {
        StoryView(body: body, dateText: Format.longDate(st.date, language), dateISO: st.date.iso, author: st.author,
                  locality: localityLink(st.locality),
                  model: site.reference.model(st.model).map { LinkView(name: $0.name(language), url: Section.models.url(language, slug: $0.id)) },
                  image: st.image.map { StoryView.ImageView(src: $0.src, alt: $0.alt) })
    }
}
