-- pytc as a language server for Neovim 0.11+. Neovim reads this file when `vim.lsp.enable('pytc')`
-- runs and this folder is on 'runtimepath'; `vim.lsp.config('pytc', {...})` overrides any field.
---@type vim.lsp.Config
return {
  cmd = { 'pytc', 'lsp' },
  filetypes = { 'python' },
  -- The project root: the nearest folder with any of the first four (they rank equal, as
  -- pytc's own configuration discovery takes the nearest), `.git` only when none is found.
  root_markers = { { 'pyproject.toml', 'pytc.toml', 'setup.py', 'setup.cfg' }, '.git' },
  -- Sent at start-up, and again (as the `pytc` section) whenever the server asks.
  -- `interpreterPath`: the Python whose site-packages imports resolve against;
  -- `pythonVersion`: e.g. "3.12"; `rules`: levels by rule name ("error", "warn", "info", "ignore").
  settings = {
    pytc = {
      rules = vim.empty_dict(),
    },
  },
  -- Files changed outside Neovim (a `git checkout`) must reach the server. Neovim watches
  -- them for servers except on Linux, where its own watcher misses files in subfolders;
  -- with `inotifywait` (inotify-tools) installed it watches properly, so turn it on. Without
  -- it, the server looks at the files it read itself, once a second.
  capabilities = (vim.fn.has('linux') == 1 and vim.fn.executable('inotifywait') == 1)
      and { workspace = { didChangeWatchedFiles = { dynamicRegistration = true } } }
    or nil,
  before_init = function(params, config)
    params.initializationOptions = (config.settings or {}).pytc
  end,
}
