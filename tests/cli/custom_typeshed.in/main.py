import mystdlib
import newmodule
import os
