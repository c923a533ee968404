import TUI
import Store
import Domain
