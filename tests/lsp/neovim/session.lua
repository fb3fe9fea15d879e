-- Drives a headless Neovim 0.11 through the shipped config (editors/nvim): opens files of a
-- copy of the fixture project, waits for diagnostics, asks for a code action, hover and
-- definitions, changes a module on disk, and writes what it saw as JSON to $PYTC_RESULT for
-- test_neovim.py to check.
local binary = assert(os.getenv('PYTC_BIN'))
local project = assert(os.getenv('PYTC_FIXTURE'))
local result_path = assert(os.getenv('PYTC_RESULT'))
vim.opt.runtimepath:append(assert(os.getenv('PYTC_NVIM_CONFIG')))

vim.lsp.config('pytc', { cmd = { binary, 'lsp' } })
vim.lsp.enable('pytc')

local result = { errors = {} }

local function finish()
  vim.fn.writefile({ vim.json.encode(result) }, result_path)
  vim.cmd('qall!')
end

local function fail(message)
  table.insert(result.errors, message)
  finish()
end

-- The protocol's ContentModified: an edit arrived while the server was answering.
local CONTENT_MODIFIED = -32801

-- `retry_when_modified`: the caller asks again (in a wait loop), so an answer cut short by
-- an edit Neovim was still sending is not an error.
local function request(client, method, params, retry_when_modified)
  local response, err = client:request_sync(method, params, 20000, 0)
  if not response then
    table.insert(result.errors, method .. ': ' .. tostring(err))
    return nil
  end
  if response.err and not (retry_when_modified and response.err.code == CONTENT_MODIFIED) then
    table.insert(result.errors, method .. ': ' .. vim.inspect(response.err))
  end
  return response.result
end

vim.cmd.edit(vim.fs.joinpath(project, 'app', 'broken.py'))
if not vim.wait(20000, function() return #vim.lsp.get_clients({ bufnr = 0, name = 'pytc' }) > 0 end, 20) then
  return fail('pytc did not attach to ' .. vim.api.nvim_buf_get_name(0))
end
local client = vim.lsp.get_clients({ bufnr = 0, name = 'pytc' })[1]
result.root_dir = client.config.root_dir
result.server_name = client.server_info and client.server_info.name

if not vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 20) then
  return fail('no diagnostics arrived')
end
result.diagnostics = vim.tbl_map(function(d)
  return { lnum = d.lnum, col = d.col, code = d.code, source = d.source, message = d.message }
end, vim.diagnostic.get(0))

local first = vim.diagnostic.get(0)[1]
local lsp_diagnostic = first.user_data and first.user_data.lsp
local actions = request(client, 'textDocument/codeAction', {
  textDocument = vim.lsp.util.make_text_document_params(0),
  range = lsp_diagnostic.range,
  context = { diagnostics = { lsp_diagnostic } },
})
result.code_actions = vim.tbl_map(function(action) return action.title end, actions or {})

-- Fix the file: diagnostics must go away once the buffer changes.
vim.api.nvim_buf_set_lines(0, 3, 4, false, { 'numbers = [1, 2, 3]' })
result.fixed = vim.wait(20000, function() return #vim.diagnostic.get(0) == 0 end, 20)

-- Hover and definition in main.py (`message = greet("pytc")` and `total = len(message)`).
vim.cmd.edit(vim.fs.joinpath(project, 'main.py'))
vim.wait(20000, function() return #vim.lsp.get_clients({ bufnr = 0, name = 'pytc' }) > 0 end, 20)
local function at(line, character)
  return { textDocument = vim.lsp.util.make_text_document_params(0), position = { line = line, character = character } }
end
local hover = request(client, 'textDocument/hover', at(3, 11))
result.hover = hover and hover.contents and hover.contents.value
-- Where `message` is bound: its declared or inferred type.
local binding_hover = request(client, 'textDocument/hover', at(3, 0))
result.binding_hover = binding_hover and binding_hover.contents and binding_hover.contents.value
-- Signature help inside `len(message)`, and the outline of the file.
local help = request(client, 'textDocument/signatureHelp', at(4, 12))
result.signatures = vim.tbl_map(function(signature) return signature.label end, help and help.signatures or {})
result.active_parameter = help and help.signatures and help.signatures[1] and help.signatures[1].activeParameter
local symbols = request(client, 'textDocument/documentSymbol', { textDocument = vim.lsp.util.make_text_document_params(0) })
result.symbols = vim.tbl_map(function(symbol) return symbol.name end, symbols or {})
local function targets(locations)
  return vim.tbl_map(function(location)
    return { path = vim.uri_to_fname(location.uri or location.targetUri), line = (location.range or location.targetSelectionRange).start.line }
  end, locations or {})
end
result.definition = targets(request(client, 'textDocument/definition', at(3, 11)))
result.stdlib_definition = targets(request(client, 'textDocument/definition', at(4, 9)))
-- References to `greet` across the project (app/util.py is not open) and a rename of it.
result.references = targets(request(client, 'textDocument/references', {
  textDocument = vim.lsp.util.make_text_document_params(0),
  position = { line = 3, character = 11 },
  context = { includeDeclaration = true },
}))
local renamed = request(client, 'textDocument/rename', {
  textDocument = vim.lsp.util.make_text_document_params(0),
  position = { line = 3, character = 11 },
  newName = 'welcome',
})
result.rename = {}
for target, edits in pairs(renamed and renamed.changes or {}) do
  result.rename[vim.uri_to_fname(target)] = #edits
end

-- Completion in a new buffer while a line is unfinished: the members after `counter.`, and
-- the documentation of one on resolve.
vim.cmd.edit(vim.fs.joinpath(project, 'complete.py'))
vim.api.nvim_buf_set_lines(0, 0, -1, false, { 'from app.util import Counter, greet', 'counter = Counter()', 'counter.', 'gr' })
vim.wait(20000, function() return #vim.lsp.get_clients({ bufnr = 0, name = 'pytc' }) > 0 end, 20)
-- Neovim sends the buffer to the server once it has attached: ask until the server has it.
local items = {}
vim.wait(20000, function()
  local completion = request(client, 'textDocument/completion', at(2, 8), true)
  items = completion and (completion.items or completion) or {}
  return #items > 0
end, 100)
result.attribute_completions = vim.tbl_map(function(item) return item.label end, items)
local names = request(client, 'textDocument/completion', at(3, 2))
local greet
for _, item in ipairs(names and (names.items or names) or {}) do
  if item.label == 'greet' then greet = item end
end
local resolved = greet and request(client, 'completionItem/resolve', greet)
result.resolved_completion = resolved and { detail = resolved.detail, documentation = resolved.documentation and resolved.documentation.value }
vim.cmd.edit(vim.fs.joinpath(project, 'main.py'))

-- A module changed outside the editor (util.py is not open): the file watcher the server
-- registered reports it, and main.py, whose import of `greet` no longer resolves, is checked again.
result.main_diagnostics_before = #vim.diagnostic.get(0)
vim.fn.writefile({ 'class Counter:', '    pass' }, vim.fs.joinpath(project, 'app', 'util.py'))
vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 20)
result.after_disk_change = vim.tbl_map(function(d) return { code = d.code, lnum = d.lnum } end, vim.diagnostic.get(0))

-- A subproject with its own pytc.toml inside the project: the nearest marker is its root.
vim.cmd.edit(vim.fs.joinpath(project, 'nested', 'tool.py'))
vim.wait(20000, function() return #vim.lsp.get_clients({ bufnr = 0, name = 'pytc' }) > 0 end, 20)
local nested = vim.lsp.get_clients({ bufnr = 0, name = 'pytc' })[1]
result.nested_root_dir = nested and nested.config.root_dir

finish()
