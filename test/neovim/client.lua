-- A real Neovim (Debian's 0.7, headless) as an LSP client of dist/server.js, started the way the
-- README's snippet starts it. It hovers a term, waits for a diagnostic on a Modelfile, runs the
-- KB quick fix through workspace/executeCommand, and writes what it saw as JSON to $OUT.
local server, work, out = os.getenv('SERVER'), os.getenv('WORK'), os.getenv('OUT')
local result = { steps = {} }
local function step(name, value) result.steps[name] = value end
local function finish()
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qall!')
end

local shown = {}
local capabilities = vim.lsp.protocol.make_client_capabilities()
-- Neovim 0.8 and later answer window/showDocument; 0.7 does not, so the test does it as they do.
capabilities.window.showDocument = { support = true }
local client_id = vim.lsp.start_client({
  name = 'runlocalai',
  cmd = { 'node', server, '--stdio' },
  root_dir = work,
  capabilities = capabilities,
  init_options = { settings = { gpu = 'RTX 4070', ramGB = 16 } },
  handlers = {
    ['window/showDocument'] = function(_, params)
      table.insert(shown, params.uri)
      vim.cmd('edit ' .. vim.fn.fnameescape(vim.uri_to_fname(params.uri)))
      return { success = true }
    end,
  },
})
step('started', client_id ~= nil)
if not client_id then return finish() end

-- Hover on "KV cache" in a Markdown file.
vim.cmd('edit ' .. work .. '/notes.md')
local md = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(md, client_id)
vim.wait(10000, function() local c = vim.lsp.get_client_by_id(client_id); return c and c.initialized end, 50)
local hover = vim.lsp.buf_request_sync(md, 'textDocument/hover', {
  textDocument = { uri = vim.uri_from_bufnr(md) },
  position = { line = 0, character = 8 },
}, 10000)
local text = ''
for _, r in pairs(hover or {}) do
  if r.result and r.result.contents then text = r.result.contents.value or '' end
end
step('hover', text)

-- A Modelfile whose model cannot fit a 12 GB card: a diagnostic arrives (pushed: 0.7 does not pull).
vim.cmd('edit ' .. work .. '/Modelfile')
local mf = vim.api.nvim_get_current_buf()
vim.bo[mf].filetype = 'modelfile'
vim.lsp.buf_attach_client(mf, client_id)
vim.wait(15000, function() return #vim.diagnostic.get(mf) > 0 end, 50)
local diags = vim.diagnostic.get(mf)
step('diagnostics', vim.tbl_map(function(d) return { code = d.code, message = d.message, lnum = d.lnum } end, diags))
if #diags == 0 then return finish() end

-- The quick fix that opens the KB entry, run through the server.
-- As Neovim's own code_action does: the line's diagnostics back in LSP shape, ranges included.
local lsp_diags = vim.lsp.diagnostic.get_line_diagnostics(mf, diags[1].lnum)
local actions = vim.lsp.buf_request_sync(mf, 'textDocument/codeAction', {
  textDocument = { uri = vim.uri_from_bufnr(mf) },
  range = lsp_diags[1].range,
  context = { diagnostics = lsp_diags },
}, 10000)
local kb
local titles = {}
for _, r in pairs(actions or {}) do
  local err = r.err or r.error
  if err then table.insert(titles, 'error: ' .. vim.inspect(err)) end
  for _, a in ipairs(r.result or {}) do table.insert(titles, a.title) end
  for _, a in ipairs(r.result or {}) do
    if a.command and a.title:match('^Open KB') then kb = a end
  end
end
step('actions', titles)
step('kbAction', kb and { title = kb.title, command = kb.command.command } or vim.NIL)
if not kb then return finish() end
local client = vim.lsp.get_client_by_id(client_id)
local ran = client.request_sync('workspace/executeCommand', { command = kb.command.command, arguments = kb.command.arguments }, 10000, mf)
step('executed', ran and ran.result or vim.NIL)
vim.wait(5000, function() return #shown > 0 end, 50)
step('shown', shown)
if #shown > 0 then step('kbBuffer', table.concat(vim.api.nvim_buf_get_lines(0, 0, 3, false), '\n')) end
finish()
