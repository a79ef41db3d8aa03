/// The stylesheet inlined into rendered notebooks: system fonts only, a
/// readable measure, code and plots that scroll or shrink on a phone.
enum HTMLStyle {
  static let css = """
    :root { --ink: #1d2125; --muted: #5b6570; --rule: #d9dee3; --code-bg: #f5f7f9;
      --out-bg: #ffffff; --accent: #0072B2; }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
    body { margin: 0; color: var(--ink); background: #fff;
      font: 17px/1.6 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
    main { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1rem 4rem; }
    h1, h2, h3 { line-height: 1.25; margin: 2rem 0 0.75rem; }
    h1 { font-size: 1.9rem; margin-top: 0.5rem; }
    h2 { font-size: 1.4rem; border-bottom: 1px solid var(--rule); padding-bottom: 0.2rem; }
    a { color: var(--accent); }
    code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
      font-size: 0.86em; }
    :not(pre) > code { background: var(--code-bg); padding: 0.1em 0.3em; border-radius: 4px; }
    pre { overflow-x: auto; padding: 0.75rem 0.9rem; margin: 0; line-height: 1.45; }
    body > main > pre, li > pre, blockquote > pre { background: var(--code-bg); border-radius: 6px; margin: 1rem 0; }
    blockquote { margin: 1rem 0; padding: 0 1rem; color: var(--muted); border-left: 4px solid var(--rule); }
    table { border-collapse: collapse; display: block; overflow-x: auto; margin: 1rem 0; }
    th, td { border: 1px solid var(--rule); padding: 0.3rem 0.6rem; }
    th { background: var(--code-bg); }
    img { max-width: 100%; height: auto; }
    .cell { margin: 1.1rem 0; border: 1px solid var(--rule); border-radius: 8px; overflow: hidden; }
    .cell .code { background: var(--code-bg); position: relative; }
    .cell .label { float: right; color: var(--muted); font-size: 0.75em; user-select: none; }
    .cell .output { background: var(--out-bg); border-top: 1px solid var(--rule); color: #333;
      white-space: pre-wrap; overflow-wrap: anywhere; }
    .cell .output .columns { white-space: pre; }
    .cell .output.error { color: #a4161a; }
    .cell .note { margin: 0; padding: 0.4rem 0.9rem; color: var(--muted); font-size: 0.85em;
      border-top: 1px solid var(--rule); }
    .cell figure { margin: 0; padding: 0.5rem; border-top: 1px solid var(--rule); text-align: center; }
    .cell figure svg { max-width: 100%; height: auto; }
    .kw { color: #8e3ba8; font-weight: 600; }
    .dom { color: #0072B2; font-weight: 600; }
    .num { color: #b35900; }
    .str { color: #1a7f37; }
    .com { color: #6a737d; font-style: italic; }
    .fn { color: #005f8a; }
    .op { color: #555; }
    .descent-explore .knob { display: flex; gap: 0.6rem; align-items: center; padding: 0.4rem 0.9rem;
      border-top: 1px solid var(--rule); font-family: var(--mono, monospace); }
    .descent-explore .knob input { flex: 1; max-width: 28rem; }
    @media (max-width: 480px) { body { font-size: 16px; } main { padding: 1rem 0.75rem 3rem; }
      pre { padding: 0.6rem 0.65rem; } }
    """
}
