-- pytc as a language server for Neovim 0.11+. Neovim reads this file when `vim.lsp.enable('pytc')`
-- runs and this folder is on 'runtimepath'; `vim.lsp.config('pytc', {...})` overrides any field.
---@type vim.lsp.Config
return {
  cmd = { 'pytc', 'lsp' },
  filetypes = { 'python' },
  -- The project root: the nearest folder with one of these, `.git` only when nothing else is found.
  root_markers = { 'pyproject.toml', 'pytc.toml', 'setup.py', 'setup.cfg', '.git' },
  -- Sent at start-up, and again (as the `pytc` section) whenever the server asks.
  -- `interpreterPath`: the Python whose site-packages imports resolve against;
  -- `pythonVersion`: e.g. "3.12"; `rules`: levels by rule name ("error", "warn", "info", "ignore").
  settings = {
    pytc = {
      rules = vim.empty_dict(),
    },
  },
  before_init = function(params, config)
    params.initializationOptions = (config.settings or {}).pytc
  end,
}
