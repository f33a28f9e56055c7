import CYaml
import Yams

/// YAML features a content site does not need and that hostile input abuses, refused before the
/// text is turned into nodes: anchors and aliases (`&a`, `*a`: a 1 MB anchor used 5 000 times made
/// gigabytes), tags (`!!python/object:…`, `!x`: they silently change what a value means), and keys
/// that are lists or groups instead of plain text.
enum YAMLSafety {
    struct Problem: Equatable {
        /// 1-based, within the YAML text.
        var line: Int
        var column: Int
        var message: String
        var hint: String
    }

    /// The first anchor, alias or tag in `text`, from libyaml's event stream (no nodes are built,
    /// so an alias bomb costs nothing). Only texts holding `&`, `*` or `!` can have one; the
    /// others are not parsed twice. A syntax error is left to the real parse to report.
    static func firstForbiddenFeature(in text: String) -> Problem? {
        var text = text
        let candidate = text.withUTF8 { bytes in bytes.contains { $0 == 0x26 || $0 == 0x2A || $0 == 0x21 } }
        guard candidate else { return nil }
        return text.withUTF8 { bytes -> Problem? in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                let mark = event.start_mark
                func at(_ message: String, _ hint: String) -> Problem {
                    Problem(line: Int(mark.line) + 1, column: Int(mark.column) + 1, message: message, hint: hint)
                }
                let anchorHint = "write the value out in full where it is needed; Lantern does not support YAML anchors (`&name`) and aliases (`*name`)."
                func shown(_ tag: UnsafeMutablePointer<yaml_char_t>) -> String {
                    let text = String(cString: tag)
                    let core = "tag:yaml.org,2002:"
                    return URLParts.shown(text.hasPrefix(core) ? "!!" + text.dropFirst(core.count) : text)
                }
                let tagHint = "remove the tag; if the text starts with `!`, put it in quotes, like `title: \"!quan trọng\"`."
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_ALIAS_EVENT:
                    return at("YAML aliases (`*name`) are not allowed", anchorHint)
                case YAML_SCALAR_EVENT:
                    if event.data.scalar.anchor != nil { return at("YAML anchors (`&name`) are not allowed", anchorHint) }
                    if let tag = event.data.scalar.tag { return at("YAML tags such as `\(shown(tag))` are not allowed", tagHint) }
                case YAML_SEQUENCE_START_EVENT:
                    if event.data.sequence_start.anchor != nil { return at("YAML anchors (`&name`) are not allowed", anchorHint) }
                    if let tag = event.data.sequence_start.tag { return at("YAML tags such as `\(shown(tag))` are not allowed", tagHint) }
                case YAML_MAPPING_START_EVENT:
                    if event.data.mapping_start.anchor != nil { return at("YAML anchors (`&name`) are not allowed", anchorHint) }
                    if let tag = event.data.mapping_start.tag { return at("YAML tags such as `\(shown(tag))` are not allowed", tagHint) }
                default:
                    break
                }
            }
            return nil
        }
    }

    /// The first mapping key that is a list or a group rather than plain text (`? [a, b]: c`).
    /// Runs on the composed node, which holds no aliases by then, so the walk is linear in the text.
    static func firstComplexKey(in node: Node) -> Mark? {
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                if key.scalar == nil { return key.mark }
                if let mark = firstComplexKey(in: value) { return mark }
            }
        case .sequence(let sequence):
            for item in sequence { if let mark = firstComplexKey(in: item) { return mark } }
        case .scalar, .alias:
            break
        }
        return nil
    }
}
