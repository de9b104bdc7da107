import Foundation

/// The frame of loonsim's HTML pages: one self-contained, well-formed XHTML document (inline
/// SVG, inline style and script, no network access), written atomically.
enum PageDocument {
    static let style = """
        body { font-family: 'DejaVu Sans', Helvetica, Arial, sans-serif; margin: 18px 24px; color: #222; max-width: 1360px; }
        h1 { font-size: 20px; margin: 0 0 4px 0; } h2 { font-size: 15px; margin: 18px 0 4px 0; }
        .meta { color: #555; font-size: 13px; margin: 2px 0; }
        .ok { color: #276749; font-weight: bold; } .bad { color: #c53030; font-weight: bold; }
        .row { display: flex; gap: 24px; align-items: flex-start; }
        .trackbox { width: 560px; flex: none; }
        .summary { font-size: 13px; border-collapse: collapse; } .summary td { padding: 3px 10px 3px 0; vertical-align: top; }
        .summary td.k { color: #666; white-space: nowrap; }
        svg { display: block; width: 100%; height: auto; } svg.legend { width: 420px; }
        .note { color: #666; font-size: 12px; margin: 2px 0 0 0; }
        .key span { display: inline-block; width: 12px; height: 12px; margin: 0 4px 0 12px; vertical-align: -1px; }
        #tip { position: fixed; display: none; background: rgba(255,255,255,0.96); border: 1px solid #888; border-radius: 4px;
               padding: 6px 8px; font-size: 12px; pointer-events: none; box-shadow: 0 2px 6px rgba(0,0,0,0.2); z-index: 10; }
        table.runs { border-collapse: collapse; font-size: 13px; } table.runs th, table.runs td { padding: 4px 10px; text-align: right; }
        table.runs th { cursor: pointer; background: #edf2f7; position: sticky; top: 0; } table.runs td.l, table.runs th.l { text-align: left; }
        table.runs tr:nth-child(even) td { background: #f7fafc; }
        .bar { display: inline-block; height: 10px; background: #3182ce; vertical-align: middle; }
        """

    /// The whole document around `body`; `script` runs at the end of the body.
    static func html(title: String, body: String, script: String?) -> String {
        var text = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        text += "<title>\(SVG.escape(title))</title>\n<style>\n\(style)\n</style>\n</head>\n<body>\n\(body)\n"
        if let script {
            text += "<script>\n//<![CDATA[\n\(script)\n//]]>\n</script>\n"
        }
        return text + "</body>\n</html>\n"
    }

    /// Writes `text` to `path` atomically.
    static func write(_ text: String, to path: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw FlightLogError(file: path, problem: "cannot be written (is its folder there and writable?)")
        }
    }

    /// A JSON array of numbers with `digits` decimals.
    static func array(_ values: [Double], _ digits: Int) -> String {
        "[" + values.map { SVG.number($0, digits) }.joined(separator: ",") + "]"
    }
}
