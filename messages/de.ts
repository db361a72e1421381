/** The de catalogue, one JSON file per area of the portal (merge-friendly: each area is edited alone). */
import common from './de/common.json';
import shell from './de/shell.json';
import auth from './de/auth.json';
import home from './de/home.json';
import orders from './de/orders.json';
import quickOrder from './de/quickOrder.json';
import deliveries from './de/deliveries.json';
import invoices from './de/invoices.json';
import statement from './de/statement.json';
import account from './de/account.json';
import support from './de/support.json';
import errors from './de/errors.json';
import status from './de/status.json';
import documents from './de/documents.json';

const messages = {
  common,
  shell,
  auth,
  home,
  orders,
  quickOrder,
  deliveries,
  invoices,
  statement,
  account,
  support,
  errors,
  status,
  documents,
};
export default messages;
