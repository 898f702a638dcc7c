from nautilus_trader.model.enums import *

side = OrderSide.NONE
